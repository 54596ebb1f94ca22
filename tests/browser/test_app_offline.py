"""Offline in the app view: every page of the app-view tests (desktop, phone, zoom, light and
dark) asked nothing of any host but the local server. Voila's own page asks two CDNs (Font
Awesome, MathJax); the module's template (share/jupyter/voila/templates/pcd) stops both."""

from __future__ import annotations

from urllib.parse import urlsplit

import browser_harness as bh


def test_every_app_view_request_stays_on_this_computer(app, app_request_log):
    # Last of the app-view modules, so the log holds their requests too; open a page here as
    # well, so the test stands on its own.
    app.ready((app.current or (bh.notebook_paths()[0].name,))[0], pristine=False)
    urls = app_request_log.urls
    hosts = sorted({urlsplit(u).hostname for u in urls if urlsplit(u).hostname})
    assert any(u.startswith(f"ws://127.0.0.1:{app.server.port}/api/kernels/") for u in urls), (
        "no kernel WebSocket was recorded"
    )
    assert any("/voila/render/notebooks/" in u for u in urls), "no app-view page was recorded"
    assert len(urls) > 50, "too few requests recorded to trust the log"
    assert app_request_log.foreign() == [], (
        f"requests left this computer: {app_request_log.foreign()}"
    )
    bh.note("app view: requests", f"{len(urls)} requests and WebSockets, hosts: {hosts}")
