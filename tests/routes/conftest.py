"""Fixtures for the route tests: every way a learner or a class reaches the module (pip,
Binder, a class JupyterHub with nbgitpuller), installed fresh and driven in real Chromium.

Locally, a route whose tools are missing (Chromium, Node.js for the hub's proxy, root for the
learners' accounts) is skipped with a one-line reason saying how to install them. In CI
(``CI=true``) it fails instead, so a route can never pass unnoticed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "browser"))
import route_harness as rh  # noqa: E402

# Seconds per route (test module): fixture set-up, every test and tear-down, summed.
ROUTE_SECONDS: dict[str, float] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "route: installs the module as a route does and drives it (part of make test)"
    )


# The class hub serves its learners from the environment the pip route installed (adding what
# a hub has), so the pip route runs first, on the environment as plain `pip install .` left it.
ROUTE_ORDER = ("pip", "hub", "binder")


def _rank(item) -> int:
    stem = Path(str(item.fspath)).stem.removeprefix("test_route_")
    return ROUTE_ORDER.index(stem) if stem in ROUTE_ORDER else len(ROUTE_ORDER)


def pytest_collection_modifyitems(config, items):
    ours = [i for i, item in enumerate(items) if HERE in Path(str(item.fspath)).parents]
    for i in ours:
        items[i].add_marker(pytest.mark.route)
    # Reorder only our own items, in place (stable: tests keep their order within a route).
    for i, item in zip(ours, sorted((items[i] for i in ours), key=_rank), strict=True):
        items[i] = item


@pytest.fixture(scope="session")
def installed():
    """A fresh virtual environment with a plain ``pip install .`` of a clean copy of the
    repository: the pip route. Made from a Python every account can run, in a folder every
    account can read, because the class hub then serves its learners from it."""
    shared = rh.python_for_everyone()
    root = rh.world_readable_tempdir("pcd-route-env-")
    try:
        copy = rh.clean_copy(root / rh.REPO_NAME)
        with rh.timed("pip: fresh venv and `pip install .`"):
            # Without such a Python the pip route still runs; the hub route says what is missing.
            venv_python = rh.make_venv(root / "venv", shared)
            rh.pip_install(venv_python, ".", cwd=copy)
        yield SimpleNamespace(
            root=root, copy=copy, python=venv_python, venv=root / "venv", shared=bool(shared)
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def pytest_runtest_logreport(report):
    path = Path(report.nodeid.split("::")[0])
    if path.parent.name == HERE.name and path.name.startswith("test_route_"):
        stem = path.stem.removeprefix("test_route_")
        ROUTE_SECONDS[stem] = ROUTE_SECONDS.get(stem, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if ROUTE_SECONDS:
        terminalreporter.write_sep("-", "route tests: seconds per route (install included)")
        for stem, seconds in ROUTE_SECONDS.items():
            terminalreporter.write_line(f"{stem}: {seconds:.0f} s")
        for step, seconds in rh.STEPS.items():
            terminalreporter.write_line(f"  {step}: {seconds:.1f} s")
