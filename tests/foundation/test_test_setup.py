"""The test run itself: a private progress store, and failures (even "no tests") fail CI."""

import os
import re
import shlex
import subprocess
import tempfile
from pathlib import Path

from .checks import ROOT, TEST_STAMP, makefile_sandbox


def test_the_run_uses_a_temporary_progress_store():
    # Set by the root conftest.py at import time, so nbval's kernels inherit it.
    folder = Path(os.environ["SELFCHECK_PROGRESS_DIR"])
    assert folder.is_dir() and folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("selfcheck-progress-test-")
    assert "SELFCHECK_NO_SAVE" not in os.environ


def make_test_exit_code(tmp_path, pytest_exit, ruff_exit=0):
    """`make test` in a copy of the Makefile whose venv python exits with `pytest_exit` (and
    whose ruff exits with `ruff_exit`)."""
    makefile_sandbox(tmp_path)
    for name, code in (("python", pytest_exit), ("ruff", ruff_exit)):
        exe = tmp_path / ".venv" / "bin" / name
        exe.parent.mkdir(parents=True, exist_ok=True)
        exe.write_text(f"#!/bin/sh\nexit {code}\n")
        exe.chmod(0o755)
    (tmp_path / TEST_STAMP).write_text("")
    return subprocess.run(["make", "-s", "test"], cwd=tmp_path, capture_output=True).returncode


def test_make_test_fails_when_pytest_or_ruff_fails_or_nothing_runs(tmp_path):
    assert make_test_exit_code(tmp_path / "ok", 0) == 0
    assert make_test_exit_code(tmp_path / "failed", 1) != 0
    assert make_test_exit_code(tmp_path / "no-tests", 5) != 0  # pytest: "no tests ran"
    assert make_test_exit_code(tmp_path / "lint", 0, ruff_exit=1) != 0


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


def test_the_ci_workflow_runs_the_ci_script_as_root_with_ci_true():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML reads the key `on` as True
    (job,) = workflow["jobs"].values()
    assert job["container"].startswith("debian:")  # root, and apt-get install chromium works
    runs = [step.get("run", "") for step in job["steps"]]
    assert any(line.strip() == "CI=true bash .ci/run" for r in runs for line in r.splitlines())


def make_test_commands() -> list[list[str]]:
    dry = subprocess.run(
        ["make", "-n", "-s", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [shlex.split(line) for line in dry.splitlines() if line.strip()]


def test_make_test_lints_then_runs_strict_nbval_over_the_tests_and_the_notebooks():
    # The tamper test proves strict nbval catches a changed output; this proves `make test` is
    # what runs it: --nbval (not --nbval-lax, which compares nothing) over tests and notebooks,
    # after ruff's lint and format checks.
    commands = make_test_commands()
    assert [c[1:] for c in commands[:2]] == [["check", "."], ["format", "--check", "."]]
    assert all(c[0].endswith("/ruff") for c in commands[:2])
    runs = [c for c in commands if "pytest" in c]
    assert len(runs) == 1 and commands[-1] == runs[0], commands
    args = runs[0]
    assert "--nbval" in args and "--nbval-current-env" in args, args
    assert not any(a.startswith("--nbval-lax") for a in args), args
    sanitizers = [a for a in args if a.startswith("--nbval-sanitize") or a == "--sanitize-with"]
    assert sanitizers == ["--nbval-sanitize-with"], args
    assert args[args.index("--nbval-sanitize-with") + 1] == "tests/nbval-sanitize.cfg"
    assert {"tests", "notebooks"} <= set(args), args
    import tomllib

    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "nbval" not in str(addopts.get("addopts", ""))


def sanitise(text: str) -> str:
    """What nbval does to each stored and fresh output with the sanitize file of `make test`."""
    from nbval.plugin import get_sanitize_patterns

    patterns = get_sanitize_patterns((ROOT / "tests" / "nbval-sanitize.cfg").read_text())
    assert len(patterns) == 1, patterns  # one rule: embedded image payloads, nothing else
    for regex, replace in patterns:
        text = re.sub(regex, replace, text)
    return text


IMG = '<figure><img src="data:image/png;base64,{}" alt="Bars: 46% of women"></figure>'


def test_nbval_ignores_only_the_payload_of_embedded_images():
    # Two renderings of the same figure by different FreeType builds compare equal...
    assert sanitise(IMG.format("iVBORw0KGgoAAAANSUhEUgAA+/==")) == sanitise(
        IMG.format("iVBORw0KGgoBBBBNSUhEUgZZ9/A=")
    )
    assert "iVBOR" not in sanitise(IMG.format("iVBORw0KGgoAAAANSUhEUgAA+/=="))
    # ...but everything around the payload still counts: alt text, markup, the media type.
    same = IMG.format("iVBORw0KGgo=")
    assert sanitise(same) != sanitise(same.replace("46%", "47%"))
    assert sanitise(same) != sanitise(same.replace("<figure>", "<div>"))
    assert sanitise(same) != sanitise(same.replace("image/png", "image/svg+xml"))
    # Any other output is compared exactly as stored.
    for text in (
        "0 of 5 exercises answered",
        "<Figure size 640x480 with 1 Axes> at 0x7f3a2b1c",
        "data:text/plain;base64,SGVsbG8=",
        "base64,iVBORw0KGgo=",
        '<a href="https://doi.org/10.1080/19317611.2010.509689">Bird et al., 2011</a>',
    ):
        assert sanitise(text) == text
