"""The test run itself: a private progress store, and failures (even "no tests") fail CI."""

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from .checks import ROOT, makefile_sandbox


def test_the_run_uses_a_temporary_progress_store():
    # Set by the root conftest.py at import time, so nbval's kernels inherit it.
    folder = Path(os.environ["SELFCHECK_PROGRESS_DIR"])
    assert folder.is_dir() and folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("selfcheck-progress-test-")
    assert "SELFCHECK_NO_SAVE" not in os.environ


def make_test_exit_code(tmp_path, pytest_exit):
    """`make test` in a copy of the Makefile whose venv python exits with `pytest_exit`."""
    makefile_sandbox(tmp_path)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\nexit {pytest_exit}\n")
    python.chmod(0o755)
    (tmp_path / ".venv" / ".installed-from-pyproject").write_text("")
    return subprocess.run(["make", "-s", "test"], cwd=tmp_path, capture_output=True).returncode


def test_make_test_fails_when_pytest_fails_or_runs_nothing(tmp_path):
    assert make_test_exit_code(tmp_path / "ok", 0) == 0
    assert make_test_exit_code(tmp_path / "failed", 1) != 0
    assert make_test_exit_code(tmp_path / "no-tests", 5) != 0  # pytest: "no tests ran"


def test_ci_script_stops_on_the_first_failure_and_ends_with_make_test():
    script = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in commands
    assert commands[-1] == "make test"
    assert "|| true" not in script
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_make_test_runs_strict_nbval_over_the_tests_and_the_notebooks():
    # The tamper test proves strict nbval catches a changed output; this proves `make test` is
    # what runs it: --nbval (not --nbval-lax, which compares nothing) over tests and notebooks.
    dry = subprocess.run(
        ["make", "-n", "-s", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    runs = [shlex.split(line) for line in dry.splitlines() if "-m pytest" in line]
    assert len(runs) == 1, dry
    args = runs[0]
    assert "--nbval" in args and "--nbval-current-env" in args, args
    assert not any(a.startswith("--nbval-lax") or a.startswith("--nbval-sanitize") for a in args), (
        args
    )
    assert {"tests", "notebooks"} <= set(args), args
    import tomllib

    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "nbval-lax" not in str(addopts.get("addopts", ""))
