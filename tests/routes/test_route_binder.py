"""The Binder route, as close as this machine gets: no conda channel is reachable, so the
packages ``environment.yml`` lists are installed by pip into a fresh virtual environment of
the Python version it names; then ``postBuild`` runs (bash, in the repository root, with that
environment first on PATH, as repo2docker runs it); then JupyterLab starts in the repository
root and is opened at ``lab/tree/notebooks/00-start-here.ipynb``, the badge's ``urlpath``.

Run All shows no error and every exercise; the keyboard protection works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import browser_harness as bh
import pytest
import route_harness as rh


def badge_urlpath() -> str:
    """The notebook the README's Binder badge opens (its ``urlpath``, after ``lab/tree/``)."""
    readme = (rh.REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(
        r"mybinder\.org/v2/[^)\s]*[?&]urlpath=lab(?:/|%2F)tree(?:/|%2F)([^)&\s]+)", readme
    )
    assert m, "README.md has no Binder badge with urlpath=lab/tree/..."
    return m.group(1).replace("%2F", "/")


@pytest.fixture(scope="module")
def binder_lab(browser):
    root = Path(tempfile.mkdtemp(prefix="pcd-route-binder-"))
    server = None
    context = None
    try:
        repo = rh.clean_copy(root / rh.REPO_NAME)
        version, requirements = rh.environment_yml_requirements(repo / "environment.yml")
        running = f"{sys.version_info.major}.{sys.version_info.minor}"
        assert version and running.startswith(version), (
            f"environment.yml asks for Python {version!r}; the tests run {running}"
        )
        with rh.timed("binder: fresh venv with environment.yml's packages, then postBuild"):
            python = rh.make_venv(root / "env")
            rh.pip_install(python, *requirements)
            env = rh.pip_env()
            env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"
            build = subprocess.run(
                ["bash", "postBuild"],
                cwd=repo,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=600,
            )
            assert build.returncode == 0, f"postBuild failed:\n{build.stdout[-3000:]}"
        with rh.timed("binder: JupyterLab answers"):
            server = bh.LabServer(repo, root / "lab", python=python, in_place=True).start()
        context, page = rh.new_page(browser)
        lab = bh.LabPage(page, server)
        lab.repo = repo
        yield lab
    finally:
        if context:
            context.close()
        if server:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_the_badge_notebook_runs_without_errors_or_pop_ups(binder_lab):
    notebook = badge_urlpath()
    assert notebook == rh.START
    with rh.timed("binder: open the badge's notebook and Run All"):
        binder_lab.open(notebook)
        binder_lab.run_all()
    expected = len(bh.exercise_ids(binder_lab.repo / notebook))
    binder_lab.wait_exercises(expected)
    assert binder_lab.errors() == [], "the learner sees an error after Run All"
    assert binder_lab.exercises.count() == expected
    rh.expect_no_news_pop_up(binder_lab)


def test_keys_on_a_focused_exercise_control_leave_the_notebook_unchanged(binder_lab):
    rh.keyboard_check(binder_lab)
