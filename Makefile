# Two commands for newcomers: `make lab` and `make test`. Everything else is for authors
# (and `make app`, the no-code app view, for readers).
# The virtual environment lives in .venv; it is (re)installed only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-from-pyproject

# JupyterLab refuses to run as root unless told to; add the flag only when it is needed.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# No news feed and no update check: the module never reaches out to the network while it runs.
LAB_FLAGS := --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(ROOT_FLAG)
# Extra flags for `make lab`, e.g. LAB_ARGS="--no-browser --port=8899" (the tests use this hook).
LAB_ARGS ?=
# Extra flags for `make app`, e.g. APP_ARGS="--port=8899"; APP_OPEN= (empty) opens no browser.
APP_ARGS ?=
APP_OPEN ?= --ServerApp.open_browser=True
# The app view's page template lives in share/jupyter/voila/templates/pcd. A plain `pip install`
# puts it where Voila looks (<prefix>/share/jupyter), but the editable install of `make env`
# does not copy data files: this checkout's share/jupyter is searched first instead, so an
# edit to the template shows at once (also in JupyterLab's "Render with Voila" preview).
export JUPYTER_PATH := $(CURDIR)/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH),)
# Extra pytest arguments for `make test`, e.g. PYTEST_ARGS="-x -k hygiene".
PYTEST_ARGS ?=
# Extra bench arguments, e.g. BENCH_ARGS=--quick for one run per notebook and no venv sizes.
BENCH_ARGS ?=

.PHONY: lab app test notebooks bench env clean distclean

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb $(LAB_FLAGS) $(LAB_ARGS)

# The app view: every notebook as a page with no code that runs by itself (Voila), opened at
# the same address as the README's second Binder badge. Voila's server extension (not
# `voila notebooks/...` on one file, where links to the other notebooks answer 403) serves
# every notebook under /voila/render/, so the links between them work.
app: $(STAMP)
	$(VENV)/bin/jupyter server --ServerApp.default_url=/voila/render/notebooks/00-start-here.ipynb \
		$(APP_OPEN) $(ROOT_FLAG) $(APP_ARGS)

# Unit, content and hygiene tests, then strict nbval: every stored output is compared.
test: $(STAMP)
	$(VPY) -m pytest --nbval --nbval-current-env tests notebooks $(PYTEST_ARGS)

notebooks: $(STAMP)
	$(VPY) tools/execute_notebooks.py

bench: $(STAMP)
	$(VPY) tools/bench.py $(BENCH_ARGS)

env: $(STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV)

# Order-only on the interpreter: a re-created venv has no stamp, so it is reinstalled anyway.
$(STAMP): pyproject.toml lab-settings/overrides.json tools/install_lab_settings.py | $(VPY)
	$(VPY) -m pip install -e '.[test]'
	$(VPY) tools/install_lab_settings.py
	@# Build matplotlib's font cache now: the first build prints a notice on stderr, which
	@# would land in a notebook output and make strict nbval fail on a fresh machine.
	$(VPY) -c "import matplotlib.font_manager"
	touch $(STAMP)

# Generated files only; `make distclean` also removes the virtual environment.
clean:
	rm -rf build test-artifacts bench-results.json .pytest_cache modules/*.egg-info
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 \
		| xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
