"""Bench section: the app view (Voila), from opening each notebook's page to its first
exercise being usable, in a real Chromium against `make app`'s server.

"Usable" is the first exercise's first control visible and enabled. The time is split with the
page's navigation timing into what the server does (``server``: from the request to the last
byte of the page, i.e. starting a kernel and running every cell: Voila sends the page as the
cells run and shows it only when all have) and what the browser does after that (``browser``:
loading Voila's scripts, connecting to the kernel, drawing the widgets).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 2000


def _row(case: str, samples_s: list[float], note: str) -> dict:
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {
        "section": "app view: open to 1st exercise",
        "case": case,
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "target_ms": TARGET_MS,
        "n": len(ms),
        "note": note,
    }


def app_rows(quick: bool = False) -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import app_harness as ah
    import browser_harness as bh
    from playwright.sync_api import sync_playwright

    runs = 1 if quick else 3
    rows = []
    server = ah.AppServer().start()
    try:
        with sync_playwright() as p:
            browser = bh.launch_chromium(p)
            page = browser.new_context(**ah.DESKTOP).new_page()
            app = ah.AppPage(page, server)
            names = [nb.name for nb in bh.notebook_paths()]
            app.open(names[0])  # warm-up, not counted: first imports and caches
            server.stop_kernels()
            for name in names:
                firsts, servers, browsers = [], [], []
                for _ in range(runs):
                    start = time.monotonic()
                    app.open(name)
                    first_s = app.first_exercise_seconds
                    nav = page.evaluate(
                        "() => { const n = performance.getEntriesByType('navigation')[0];"
                        " return [n.startTime, n.responseEnd]; }"
                    )
                    if first_s is None:  # no exercise on the page: time to the page shown
                        first_s = time.monotonic() - start
                    firsts.append(first_s)
                    servers.append((nav[1] - nav[0]) / 1000)
                    browsers.append(max(0.0, first_s - servers[-1]))
                    server.stop_kernels()  # one kernel at a time, as a reader has
                note = (
                    f"server (kernel + all cells) {statistics.median(servers) * 1000:.0f} ms, "
                    f"browser {statistics.median(browsers) * 1000:.0f} ms"
                )
                rows.append(_row(Path(name).stem, firsts, note))
            browser.close()
    finally:
        server.stop()
        server.cleanup()
    return rows
