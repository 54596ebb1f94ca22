"""`make lab` starts JupyterLab serving the start notebook, with the module's settings.

The test runs the Makefile's own lab recipe, skipping only the install step (`make -o <stamp>`:
the environment is the one running this test), on a free port, with no browser and no token.
Install profiles: `make lab` installs the runtime dependencies only, `make test` adds the test
extra, each pinned by constraints.txt.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .checks import (
    LAB_STAMP,
    ROOT,
    STAMP_INPUTS,
    START,
    TEST_STAMP,
    get,
    make_server,
    makefile_sandbox,
)

sys.path.insert(0, str(ROOT / "tools"))
import install_data_files  # noqa: E402

NOTIFICATION = "@jupyterlab/apputils-extension:notification"
SHORTCUTS = "@jupyterlab/shortcuts-extension:shortcuts"
PASS_THROUGH = "selfcheck:keys-stay-with-the-widget"


def defaults(url):
    """A plugin's settings defaults as the server sends them: its schema's defaults with every
    overrides.d file merged in (what JupyterLab uses when the user has set nothing)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        schema = json.load(response)["schema"]
    return {name: prop.get("default") for name, prop in schema["properties"].items()}


def test_make_lab_serves_the_start_notebook(tmp_path):
    lab_args = (
        "--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0 "
        "--IdentityProvider.token= --ServerApp.password="
    )
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        # An empty user-settings folder: what the server reports is the module's defaults.
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
    }
    log_path = tmp_path / "lab.log"
    with make_server("lab", "LAB_ARGS", lab_args, env, log_path) as base:
        # The server's root is notebooks/ (JupyterLab's default for `jupyter lab <file>`).
        assert get(f"{base}/api/contents/{START}?content=0") == 200, log_path.read_text()
        assert get(f"{base}/lab/tree/{START}") == 200
        # The module's settings file (installed with the package, no flags, no script): no
        # news or update pop-ups, and cell shortcuts pass through inside outputs.
        notification = defaults(f"{base}/lab/api/settings/{NOTIFICATION}")
        assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
        shortcuts = defaults(f"{base}/lab/api/settings/{SHORTCUTS}")["shortcuts"]
        passed = {tuple(s["keys"]) for s in shortcuts if s["command"] == PASS_THROUGH}
        assert {("M",), ("D", "D"), ("ArrowDown",), ("ArrowUp",)} <= passed, passed


def test_allow_root_only_when_running_as_root():
    recipe = subprocess.run(
        ["make", "-n", "-o", LAB_STAMP, "lab"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lab_line = [line for line in recipe.splitlines() if "jupyter lab" in line]
    assert len(lab_line) == 1 and f"notebooks/{START}" in lab_line[0]
    assert ("--allow-root" in lab_line[0]) == (os.geteuid() == 0)


def _sandbox(tmp_path):
    makefile_sandbox(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").write_text("")

    def dry_run(target):
        return subprocess.run(
            ["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout

    return dry_run


def pip_installs(recipe: str) -> list[list[str]]:
    return [shlex.split(line) for line in recipe.splitlines() if "-m pip install" in line]


def test_make_lab_installs_the_runtime_only_and_make_test_adds_the_test_extra(tmp_path):
    dry_run = _sandbox(tmp_path)
    lab = pip_installs(dry_run("lab"))
    test = pip_installs(dry_run("test"))
    # Both pinned by the lock; the learner's profile is the package alone, no extras.
    assert len(lab) == 1 and lab[0][-2:] == ["-e", "."], lab
    assert len(test) == 1 and test[0][-2:] == ["-e", ".[test]"], test
    for cmd in lab + test:
        assert cmd[cmd.index("-c") + 1] == "constraints.txt", cmd


def test_make_installs_only_when_its_inputs_changed(tmp_path):
    # Dry runs against a copy of the Makefile with stamps newer / older than their inputs.
    dry_run = _sandbox(tmp_path)
    for target, stamp in (("lab", LAB_STAMP), ("test", TEST_STAMP)):
        assert "pip install" in dry_run(target)  # no stamp yet
        (tmp_path / stamp).write_text("")
        assert "pip install" not in dry_run(target)
        for name in STAMP_INPUTS:
            os.utime(tmp_path / name, (time.time() + 60,) * 2)
            assert "pip install" in dry_run(target), name
            assert "-m venv" not in dry_run(target)  # the existing venv is kept
            os.utime(tmp_path / name, (time.time() - 60,) * 2)
        assert "pip install" not in dry_run(target)


def test_make_installs_every_data_file_that_editable_installs_leave_out(tmp_path):
    # setuptools' editable wheels carry no data files; every other route gets them from pip.
    # This venv was made by `make`, so each file Jupyter reads must be the committed one.
    table = install_data_files.data_files()
    assert sum(map(len, table.values())) >= 3  # settings, server config, app template
    for dest, files in table.items():
        for src in files:
            installed = Path(sys.prefix) / dest / src.name
            assert installed.read_bytes() == src.read_bytes(), installed
    dry_run = _sandbox(tmp_path)
    for target in ("lab", "test"):
        assert ".venv/bin/python tools/install_data_files.py" in dry_run(target)


def test_the_stamp_depends_on_every_data_file():
    # An edited template or settings file reaches the venv on the next `make`.
    listed = subprocess.run(
        ["make", "-s", "--eval=print-data-files: ; @echo $(DATA_FILES)", "print-data-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    expected = {
        str(src.relative_to(ROOT))
        for files in install_data_files.data_files().values()
        for src in files
    }
    assert set(listed) == expected


def test_each_stamp_rule_lists_exactly_its_inputs():
    text = (ROOT / "Makefile").read_text()
    for stamp in ("LAB_STAMP", "TEST_STAMP"):
        rule = re.search(rf"^\$\({stamp}\):([^|\n]*)", text, re.M)
        assert rule and tuple(rule.group(1).split()) == (*STAMP_INPUTS[:3], "$(DATA_FILES)"), stamp
