# Two commands for newcomers: `make lab` and `make test`. Everything else is for authors.
# The virtual environment lives in .venv. `make lab` installs the runtime dependencies only;
# `make test` (and the authors' targets) add the test extra. Each profile is (re)installed only
# when its inputs change, with the versions pinned in constraints.txt (see CONTRIBUTING.md).

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
PIP_INSTALL := $(VPY) -m pip install -c constraints.txt

# JupyterLab refuses to run as root unless told to; add the flag only when it is needed.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# No news or update pop-ups and the keyboard protection come with the package itself
# (lab-settings/why-cry-after-sex.json, installed into JupyterLab's overrides.d by pip).
LAB_FLAGS := $(ROOT_FLAG)
# Extra flags for `make lab`, e.g. LAB_ARGS="--no-browser --port=8899" (the tests use this hook).
LAB_ARGS ?=
# Extra pytest arguments for `make test`, e.g. PYTEST_ARGS="-x -k hygiene".
PYTEST_ARGS ?=
# Extra bench arguments, e.g. BENCH_ARGS=--quick for one run per notebook and no venv sizes.
BENCH_ARGS ?=

.PHONY: lab test notebooks bench env clean distclean

lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb $(LAB_FLAGS) $(LAB_ARGS)

# Lint and format first (fast, and what a reviewer would flag), then the unit, content and
# hygiene tests and strict nbval: every stored output is compared, except the base64 payload
# of embedded images (tests/nbval-sanitize.cfg; PNG determinism has its own unit tests).
test: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VPY) -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg tests notebooks $(PYTEST_ARGS)

notebooks: $(TEST_STAMP)
	$(VPY) tools/execute_notebooks.py

bench: $(TEST_STAMP)
	$(VPY) tools/bench.py $(BENCH_ARGS)

env: $(TEST_STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV)

# Where pip puts the module's JupyterLab settings (pyproject.toml's data-files).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d

# Order-only on the interpreter: a re-created venv has no stamp, so it is reinstalled anyway.
# Editable (-e), so authors' code changes apply at once; content (banks, data) is read from the
# checkout on every install (pcd/content.py). setuptools' editable wheels leave out data files,
# which every other install route gets from pip, so the settings file is copied here.
$(LAB_STAMP): pyproject.toml constraints.txt lab-settings/why-cry-after-sex.json | $(VPY)
	$(PIP_INSTALL) -e .
	install -D -m 644 lab-settings/why-cry-after-sex.json $(LAB_SETTINGS)/why-cry-after-sex.json
	@# Build matplotlib's font cache now: the first build prints a notice on stderr, which
	@# would land in a notebook output and make strict nbval fail on a fresh machine.
	$(VPY) -c "import matplotlib.font_manager"
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt lab-settings/why-cry-after-sex.json | $(VPY)
	$(PIP_INSTALL) -e '.[test]'
	install -D -m 644 lab-settings/why-cry-after-sex.json $(LAB_SETTINGS)/why-cry-after-sex.json
	$(VPY) -c "import matplotlib.font_manager"
	touch $@

# Generated files only; `make distclean` also removes the virtual environment.
clean:
	rm -rf build test-artifacts bench-results.json .pytest_cache modules/*.egg-info
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 \
		| xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
