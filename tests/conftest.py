"""Fixtures shared by the browser tests (tests/browser) and the route tests (tests/routes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
import browser_harness as bh  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session. Playwright's sync API runs one instance per
    thread, so every test that drives a browser shares this one (each opens its own context).

    Without Chromium: skipped locally with the install hint, a failure in CI (``CI=true``)."""
    if not bh.CHROMIUM.exists():
        reason = f"Chromium not found at {bh.CHROMIUM}: {bh.INSTALL_HINT}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = bh.launch_chromium(p)
        yield chromium
        chromium.close()
