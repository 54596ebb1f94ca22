"""Offline: the pages of the whole browser session asked nothing of any host but the local
server (no fonts, scripts, news or analytics from the internet)."""

from __future__ import annotations

from urllib.parse import urlsplit

import browser_harness as bh


def test_every_request_stays_on_this_computer(lab, request_log):
    # Runs after the other browser tests (see MODULE_ORDER), so the log holds their requests
    # too; run a notebook here as well so the test stands on its own.
    lab.ran(lab.current or bh.notebook_paths()[0].name, pristine=False)
    hosts = {urlsplit(u).hostname for u in request_log.urls}
    assert any(
        u.startswith(f"ws://127.0.0.1:{lab.server.port}/api/kernels/") for u in request_log.urls
    ), "no kernel WebSocket was recorded"
    assert len(request_log.urls) > 50, "too few requests recorded to trust the log"
    assert request_log.foreign() == [], f"requests left this computer: {request_log.foreign()}"
    bh.note(
        "browser: requests",
        f"{len(request_log.urls)} requests and WebSockets, hosts: {sorted(h for h in hosts if h)}",
    )
