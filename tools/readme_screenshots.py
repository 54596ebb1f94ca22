"""Take the README's two screenshots: the start notebook in the app view (phone-sized) and in
JupyterLab, each at its warm-up exercise. `python tools/readme_screenshots.py` writes
docs/app-view.png and docs/jupyterlab-view.png (small PNGs, committed).

The servers and pages are the browser tests' (tests/browser/app_harness.py and
browser_harness.py), so the pictures show exactly what those tests check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
START = "00-start-here.ipynb"


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import app_harness as ah
    import browser_harness as bh
    from playwright.sync_api import sync_playwright

    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = bh.launch_chromium(p)
        with ah.AppServer() as server:
            page = browser.new_page(viewport={"width": 390, "height": 700})
            app = ah.AppPage(page, server)
            app.open(START)
            app.exercises.first.evaluate("(el) => el.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(DOCS / "app-view.png"))
            page.close()
        with bh.LabServer() as server:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            lab = bh.LabPage(page, server)
            lab.ready(START)
            lab.exercise(0).evaluate("(el) => el.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(DOCS / "jupyterlab-view.png"))
            page.close()
        browser.close()
    for name in ("app-view.png", "jupyterlab-view.png"):
        print(f"{DOCS / name}: {(DOCS / name).stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
