"""Fixtures for the browser tests: one JupyterLab server and one Chromium for the whole session.

Locally, without Chromium, every browser test is skipped with a one-line reason saying how to
install it. In CI (``CI=true``) a missing browser fails instead, so it can never pass unnoticed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import app_harness as ah  # noqa: E402
import browser_harness as bh  # noqa: E402

SCREENSHOTS = bh.REPO / "test-artifacts" / "screenshots"
APP_SCREENSHOTS = SCREENSHOTS / "app"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: runs in a real JupyterLab and Chromium (part of make test)"
    )


# Browser modules run in this order, so one notebook run serves several modules: the last
# notebook the per-notebook checks ran is still untouched for the keyboard test, and the
# offline test checks every request the session made.
MODULE_ORDER = ("notebooks", "keyboard", "exercises", "privacy", "offline")
# The app view's modules (test_app_*.py) come after, in the same spirit: the offline check last.
APP_ORDER = ("notebooks", "links", "exercises", "keyboard", "privacy", "layout", "offline")


def _rank(item) -> int:
    stem = Path(str(item.fspath)).stem
    if stem.startswith("test_app_"):
        name = stem.removeprefix("test_app_")
        return len(MODULE_ORDER) + 1 + (APP_ORDER.index(name) if name in APP_ORDER else 0)
    stem = stem.removeprefix("test_browser_")
    return MODULE_ORDER.index(stem) if stem in MODULE_ORDER else len(MODULE_ORDER)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    ours = [i for i, item in enumerate(items) if here in Path(str(item.fspath)).parents]
    for i in ours:
        items[i].add_marker(pytest.mark.browser)
    # Reorder only our own items, in place, keeping everyone else's positions.
    for i, item in zip(ours, sorted((items[i] for i in ours), key=_rank), strict=False):
        items[i] = item


def _require_chromium() -> None:
    if bh.CHROMIUM.exists():
        return
    reason = f"Chromium not found at {bh.CHROMIUM}: {bh.INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lab_server():
    _require_chromium()
    if not bh.notebook_paths():
        pytest.skip("no notebooks in notebooks/ yet")
    server = bh.LabServer().start()
    yield server
    server.stop()
    server.cleanup()


# `browser` (one Chromium for the session) is in tests/conftest.py, shared with tests/routes.


class RequestLog:
    """Every request and WebSocket the pages of the session open, for the offline test."""

    def __init__(self):
        self.urls: list[str] = []

    def attach_page(self, page):
        page.on("websocket", lambda ws: self.urls.append(ws.url))

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme not in ("data", "blob")
            and urlsplit(u).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture(scope="session")
def request_log():
    return RequestLog()


@pytest.fixture(scope="session")
def lab(browser, lab_server, request_log):
    from playwright.sync_api import expect

    # Feedback comes back in ~50 ms; the margin is for a machine busy with other work.
    expect.set_options(timeout=15_000)
    """One page, reused by every test: each test opens its notebook in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.on("request", lambda r: request_log.urls.append(r.url))
    page = context.new_page()
    request_log.attach_page(page)
    page.set_default_timeout(30_000)
    yield bh.LabPage(page, lab_server)
    context.close()


# --------------------------------------------------------------------------- the app view


@pytest.fixture(scope="session")
def app_server():
    """`make app`'s server (Voila's server extension) on a temporary copy of the notebooks."""
    _require_chromium()
    if not bh.notebook_paths():
        pytest.skip("no notebooks in notebooks/ yet")
    server = ah.AppServer().start()
    yield server
    server.stop()
    server.cleanup()


@pytest.fixture(scope="session")
def app_request_log():
    return RequestLog()


@pytest.fixture(scope="session")
def app_context(browser, app_request_log):
    """Makes browser contexts (desktop, phone, zoom) whose every request is logged."""
    made = []

    def make(**options):
        context = browser.new_context(**(options or ah.DESKTOP))
        context.on("request", lambda r: app_request_log.urls.append(r.url))
        context.set_default_timeout(30_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture(scope="session")
def app(app_server, app_context, app_request_log):
    """One desktop page for the app-view tests: each test opens its notebook in it."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    page = app_context().new_page()
    app_request_log.attach_page(page)
    return ah.AppPage(page, app_server)


@pytest.fixture(scope="session")
def app_screenshots():
    APP_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    bh.note("app-view screenshots", f"written to {APP_SCREENSHOTS}")
    return APP_SCREENSHOTS


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    bh.note("browser screenshots", f"written to {SCREENSHOTS}")
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter):
    for section, lines in bh.SUMMARY.items():
        terminalreporter.write_sep("-", section)
        for line in lines:
            terminalreporter.write_line(line)
