"""Fixtures for the route tests: every way a learner or a class reaches the module (pip,
Binder, a class JupyterHub with nbgitpuller), installed fresh and driven in real Chromium.

Locally, a route whose tools are missing (Chromium, Node.js for the hub's proxy, root for the
learners' accounts) is skipped with a one-line reason saying how to install them. In CI
(``CI=true``) it fails instead, so a route can never pass unnoticed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "browser"))
import browser_harness as bh  # noqa: E402
import route_harness as rh  # noqa: E402

# Seconds per route (test module): fixture set-up, every test and tear-down, summed.
ROUTE_SECONDS: dict[str, float] = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "route: installs the module as a route does and drives it (part of make test)"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.route)


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for every route; each route opens its own browser contexts."""
    rh.require(rh.chromium_problem())
    from playwright.sync_api import expect, sync_playwright

    # Generous: a fresh install's first start is slow on a busy 2-core machine.
    expect.set_options(timeout=30_000)
    with sync_playwright() as p:
        browser = bh.launch_chromium(p)
        yield browser
        browser.close()


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
