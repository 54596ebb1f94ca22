"""`make app` serves every notebook as a page with no code (Voila), at the Binder badge's address.

As for `make lab`, the Makefile's own recipe runs, skipping only the install step, on a free port
with no browser and no token. The pages are fetched as plain HTTP: Voila runs the notebook while
it sends the page, so the page holds every output the kernel made (the browser tests, in
tests/browser/test_app_*.py, then drive the widgets).
"""

import os
import re
import urllib.error
import urllib.request

from .checks import START, make_server


def fetch(url, timeout=120):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.geturl(), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, url, ""


def test_make_app_serves_the_notebooks_as_pages(tmp_path):
    app_args = (
        "--ServerApp.ip=127.0.0.1 "
        "--ServerApp.port_retries=0 --IdentityProvider.token= --ServerApp.password="
    )
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "SELFCHECK_PROGRESS_DIR": str(tmp_path / "progress"),
    }
    log_path = tmp_path / "app.log"
    with make_server("app", "APP_ARGS", app_args, env, log_path, "APP_OPEN=") as base:
        # The server's front page is the start notebook's app view.
        status, landed, page = fetch(f"{base}/")
        assert status == 200, log_path.read_text()
        assert landed == f"{base}/voila/render/notebooks/{START}"
        # The notebook ran in a kernel that knows it serves the app view: the how-to is the
        # app's. (The widgets' static previews, which the page does not show while the kernel
        # runs, still name the Run menu.)
        assert "no code to run" in page and "Shift+Enter" not in page
        # ... with the module's template: nothing to fetch from another host.
        # (Links the reader may follow, such as citations, are fine; assets the page loads
        # by itself are not.)
        assert not re.search(r"""<(?:link|script|img)\b[^>]*(?:href|src)=["']https?://""", page)
        assert '"fullMathjaxUrl": "null"' in page
        assert "application/vnd.jupyter.widget-view+json" in page  # live widgets, not previews

        # Links between notebooks are relative, so they stay under /voila/render/ (a server
        # started on one notebook file answers 403 to them).
        assert 'href="01-what-is-pcd.ipynb"' in page
        status, _, other = fetch(f"{base}/voila/render/notebooks/01-what-is-pcd.ipynb")
        assert status == 200 and "What is PCD?" in other, log_path.read_text()
