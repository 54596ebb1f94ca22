"""environment.yml and pyproject.toml agree, and Binder builds from the root files."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from .checks import (
    ROOT,
    dockerfile_problems,
    environment_problems,
    range_agreement_problems,
    repo_files,
)

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ENV = yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_matches_pyproject():
    problems = environment_problems(ENV, PYPROJECT) + range_agreement_problems(ENV, PYPROJECT)
    assert not problems, "\n".join(problems)


def test_no_binder_folder():
    # A binder/ (or .binder/) folder, even empty, makes repo2docker ignore the root files.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_postbuild_installs_the_package_and_is_strict():
    text = (ROOT / "postBuild").read_text()
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    commands = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    # One install, nothing else: the JupyterLab settings come with the package (overrides.d),
    # and banks and data are read from the checkout, so no script has to run after it.
    assert commands[1:] == ["python -m pip install --no-deps --no-cache-dir ."], commands


def test_requires_python_agrees_with_the_binder_pin():
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


# --- the checks themselves ------------------------------------------------------------------

PYPROJECT_SMALL = {
    "project": {"dependencies": ["PyYAML>=6", "jupyter_lab", "filelock; python_version>'3'"]}
}
GOOD_ENV = {
    "channels": ["conda-forge"],
    "dependencies": ["python=3.11", "pip", "pyyaml >=6", "conda-forge::jupyter-lab", "filelock"],
}


def test_a_good_environment_passes():
    assert environment_problems(GOOD_ENV, PYPROJECT_SMALL) == []


@pytest.mark.parametrize(
    "deps, expected",
    [
        (
            ["python=3.11", "pip", "pyyaml", "jupyter-lab"],
            ["'filelock' from pyproject.toml is missing"],
        ),
        (
            ["python=3.11", "pip", "pyyaml", "jupyter-lab", "filelock", "numpy"],
            ["'numpy' is not a runtime"],
        ),
        (["python==3.11", "pip", "pyyaml", "jupyter-lab", "filelock"], ["python=3.11"]),
        (["python>=3.11", "pip", "pyyaml", "jupyter-lab", "filelock"], ["python=3.11"]),
        (["python", "pip", "pyyaml", "jupyter-lab", "filelock"], ["python=3.11"]),
        (["python=3.11", "pyyaml", "jupyter-lab", "filelock"], ["list 'pip'"]),
        (
            ["python=3.11", "pip", "pyyaml", "jupyter-lab", "filelock", {"pip": ["-e ."]}],
            ["local pip reference"],
        ),
        (
            ["python=3.11", "pip", "pyyaml", "jupyter-lab", "filelock", {"pip": ["."]}],
            ["local pip reference"],
        ),
    ],
)
def test_environment_checks_catch_problems(deps, expected):
    problems = environment_problems(
        {"channels": ["conda-forge"], "dependencies": deps}, PYPROJECT_SMALL
    )
    assert len(problems) == len(expected), problems
    assert all(e in p for e, p in zip(expected, problems, strict=False)), problems


def test_version_ranges_must_agree_and_be_bounded():
    pyproject = {"project": {"dependencies": ["PyYAML>=6,<7", "jupyter_lab>=4.2,<5"]}}
    env = {
        "dependencies": ["python=3.11", "pip", "pyyaml >=6, <7", "conda-forge::jupyter-lab<5,>=4.2"]
    }
    assert range_agreement_problems(env, pyproject) == []
    env["dependencies"][2] = "pyyaml>=6"
    assert range_agreement_problems(env, pyproject) == [
        "environment.yml: 'pyyaml' has >=6, pyproject.toml has <7,>=6: make them the same"
    ]
    unbounded = {"project": {"dependencies": ["PyYAML>=6", "jupyter_lab>=4.2,<5"]}}
    assert range_agreement_problems(env, unbounded) == [
        "pyproject.toml: 'pyyaml' needs a bounded range like '>=1.2,<2' "
        "(a lower bound the module needs, an upper bound at the next major version)"
    ]


def test_a_missing_channel_is_caught():
    assert environment_problems({**GOOD_ENV, "channels": ["defaults"]}, PYPROJECT_SMALL) == [
        "environment.yml: channels must include conda-forge"
    ]


# --- Binder (repo2docker) ---------------------------------------------------------------------


def repo2docker(folder: Path):
    exe = Path(sys.executable).parent / "repo2docker"
    return subprocess.run(
        [str(exe), "--no-build", str(folder)], capture_output=True, text=True, timeout=120
    )


def test_binder_uses_root_environment_python_311_and_postbuild(tmp_path):
    # A clean copy of what a commit would hold: no .venv, no ignored files.
    clean = tmp_path / "repo"
    for rel in repo_files():
        (clean / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, clean / rel)
    result = repo2docker(clean)
    assert result.returncode == 0, result.stderr
    assert dockerfile_problems(result.stdout) == []
    assert "Building conda environment for python=3.11" in result.stderr


def test_binder_check_catches_a_binder_folder_and_a_missing_pin(tmp_path):
    for name in ("environment.yml", "postBuild", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "binder").mkdir()  # empty: repo2docker now ignores the root files
    problems = dockerfile_problems(repo2docker(tmp_path).stdout)
    assert any("environment.yml is not used" in p for p in problems), problems
    assert any("postBuild is not run" in p for p in problems), problems

    (tmp_path / "binder").rmdir()
    env = (tmp_path / "environment.yml").read_text()
    (tmp_path / "environment.yml").write_text(env.replace("python=3.11", "python"))
    problems = dockerfile_problems(repo2docker(tmp_path).stdout)
    assert len(problems) == 1 and "not 3.11" in problems[0], problems
