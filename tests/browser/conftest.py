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
import browser_harness as bh  # noqa: E402

SCREENSHOTS = bh.REPO / "test-artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: runs in a real JupyterLab and Chromium (part of make test)"
    )


# Browser modules run in this order, so one notebook run serves several modules: the last
# notebook the per-notebook checks ran is still untouched for the keyboard test, and the
# offline test checks every request the session made.
MODULE_ORDER = ("notebooks", "keyboard", "exercises", "privacy", "offline")


def _rank(item) -> int:
    stem = Path(str(item.fspath)).stem.removeprefix("test_browser_")
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
