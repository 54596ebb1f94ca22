"""Drive the app view (Voila) in a real Chromium: the notebooks as pages with no code.

The pieces that are not specific to Voila come from browser_harness.py (the server's temporary
root and its cleanup, free ports, Chromium, axe, the bank helpers); this file adds only what
differs: the server `make app` starts, and a page that runs by itself when opened. Used by the
app-view tests (tests/browser/test_app_*.py) and by the bench (tools/bench_app.py), so it has no
pytest dependency.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path

import browser_harness as bh

# What a phone and a 200% zoom give the page, in CSS pixels. 200% zoom on a 1280x800 window
# lays the page out in 640x400 CSS pixels, drawn at 2 device pixels each.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True}
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MIN_TARGET = 24  # CSS px, WCAG 2.2 "Target Size (Minimum)"


class AppServer(bh.LabServer):
    """What `make app` runs: a plain `jupyter server` with Voila's server extension.

    It serves a folder holding ``notebooks/``, as the repository does, so every page is at
    ``/voila/render/notebooks/<name>``, the README's Binder badge address. Everything the
    server and its kernels could write stays under ``self.root`` (see LabServer)."""

    def __init__(self, notebooks: Path = bh.NOTEBOOKS, root: Path | None = None):
        super().__init__(notebooks, root)
        self.site = self.root / "site"
        self.served = self.site / "notebooks"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyter_server",
            *self.server_flags(),
            f"--ServerApp.root_dir={self.site}",
            # Lets a test stop kernels through the REST API without a browser's XSRF cookie.
            "--ServerApp.disable_check_xsrf=True",
        ]

    def page_url(self, name: str, theme: str | None = None) -> str:
        url = f"{self.url}/voila/render/notebooks/{name}"
        return f"{url}?theme={theme}" if theme else url

    def stop_kernels(self, timeout: float = 30) -> None:
        """Shut down every kernel (pages left open keep theirs: Voila's server extension does
        not stop a kernel when its page closes)."""
        import json
        import urllib.request

        with urllib.request.urlopen(f"{self.url}/api/kernels", timeout=5) as r:
            kernels = json.load(r)
        for kernel in kernels:
            url = f"{self.url}/api/kernels/{kernel['id']}"
            urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30).close()
        deadline = time.monotonic() + timeout
        while self.running_kernels() and time.monotonic() < deadline:
            time.sleep(0.2)

    def running_kernels(self) -> int:
        import json
        import urllib.request

        with urllib.request.urlopen(f"{self.url}/api/kernels", timeout=5) as r:
            return len(json.load(r))


# Voila shows its page (``#rendered_cells``) once every cell has run; widgets render after.
RENDERED = "#rendered_cells"
FIRST_CONTROL = f"{bh.EXERCISE} :is(input, button, textarea, select)"


class AppPage:
    """A reader's view of one app-view page (one notebook, its own kernel)."""

    def __init__(self, page, server: AppServer):
        self.page = page
        self.server = server
        self.current: tuple[str, str | None] | None = None
        self.pristine = False
        self.first_exercise_seconds: float | None = None
        self.rendered_seconds = 0.0

    @property
    def exercises(self):
        return self.page.locator(bh.EXERCISE)

    def open(self, name: str, theme: str | None = None, timeout: float = 90_000) -> float:
        """Open ``name`` as a reader does (a new page load, so a new kernel that runs every
        cell) and wait until every exercise is rendered. Returns the seconds from the request
        to the first exercise being usable (its first control visible and enabled), also kept
        in ``first_exercise_seconds``; ``rendered_seconds`` is until all of them are."""
        expected = len(bh.exercise_ids(bh.NOTEBOOKS / name))
        self.current = None
        start = time.monotonic()
        self.page.goto(self.server.page_url(name, theme), wait_until="commit", timeout=timeout)
        self.first_exercise_seconds = None
        if expected:
            # One check on every frame: a locator's wait_for polls every 500 ms after its first
            # tries, which rounded the bench's times up to the next half second.
            self.page.wait_for_function(
                """(sel) => {
                    const el = document.querySelector(sel);
                    return !!el && !el.disabled && el.getClientRects().length > 0
                        && getComputedStyle(el).visibility !== "hidden";
                }""",
                arg=FIRST_CONTROL,
                timeout=timeout,
                polling="raf",
            )
            self.first_exercise_seconds = time.monotonic() - start
        self.wait_rendered(name, theme, timeout)
        self.rendered_seconds = time.monotonic() - start
        return self.first_exercise_seconds or self.rendered_seconds

    def wait_rendered(self, name: str, theme: str | None = None, timeout: float = 90_000):
        """Wait until the page (``name``, reached by ``open`` or by following a link) shows
        every cell and every exercise; it then counts as the current, untouched page."""
        expected = len(bh.exercise_ids(bh.NOTEBOOKS / name))
        self.page.locator(RENDERED).wait_for(state="visible", timeout=timeout)
        self.page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n",
            arg=[bh.EXERCISE, expected],
            timeout=timeout,
            polling=100,
        )
        self.current = (name, theme)
        self.pristine = True

    def ready(self, name: str, *, pristine: bool = True, theme: str | None = None) -> None:
        """``name`` open and rendered in this page; the last load is reused when possible.
        ``pristine=False`` says the caller will answer exercises (marks the page touched)."""
        if self.current != (name, theme) or (pristine and not self.pristine):
            self.open(name, theme)
        self.pristine = pristine

    def errors(self) -> list[str]:
        """Text of every error or stderr output, and of every widget that failed to render."""
        texts = [t.strip() for t in self.page.locator(bh.ERROR_OUTPUT).all_inner_texts()]
        for output in self.page.locator(".jp-OutputArea-output").all_inner_texts():
            if any(f in output for f in bh.WIDGET_FAILURES):
                texts.append(output.strip())
        return texts

    def code_shown(self) -> int:
        """Code editors or input prompts on the page (the app view must show none)."""
        return self.page.locator(
            ".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible, .jp-InputPrompt:visible, "
            ".jp-OutputPrompt:visible"
        ).count()


# --------------------------------------------------------------------------- phone and zoom

# The module's own controls: everything a reader can press, pick or type in, in an output.
CONTROLS = ".jp-OutputArea-output :is(input, button, select, textarea)"
# Text that must never be cut off: option labels, buttons, the widgets' labels.
LABELS = (
    ".jp-OutputArea-output :is(button, label, .widget-label, .widget-label-basic, "
    ".widget-radio-box label, .widget-toggle-button, .widget-html-content)"
)


def layout_problems(page, whole_page: bool = True) -> list[str]:
    """What a reader on a narrow screen would trip over, in the page as it is laid out now:
    sideways scrolling, option labels or buttons cut off, and controls (with their label, which
    takes the tap as well) smaller than 24x24 CSS px. ``whole_page=False`` looks at the
    module's outputs only (in JupyterLab, whose own layout is not the module's to change)."""
    return page.evaluate(
        """([controls, labels, min, wholePage]) => {
            const out = [];
            const vw = document.documentElement.clientWidth;
            const name = (el) => (el.getAttribute('aria-label') || el.textContent ||
                                  el.value || el.tagName).trim().replace(/\\s+/g, ' ').slice(0, 60);
            const shown = (el) => { const r = el.getBoundingClientRect();
                                    return r.width > 0 && r.height > 0 &&
                                           getComputedStyle(el).visibility !== 'hidden'; };
            // Voila's page scrolls inside #rendered_cells, not the document; an output area
            // that scrolls sideways is as bad for the reader.
            const scrollers = [document.scrollingElement, ...document.querySelectorAll(
                (wholePage ? '#rendered_cells, ' : '') + '.jp-OutputArea, .jp-OutputArea-output')].filter(el =>
                el === document.scrollingElement || ['auto', 'scroll'].includes(getComputedStyle(el).overflowX));
            for (const el of scrollers.slice(1)) {
                if (el.scrollWidth > el.clientWidth + 1)
                    out.push(`${el.id ? '#' + el.id : '.' + [...el.classList].join('.')} scrolls ` +
                             `sideways (${el.scrollWidth} px in ${el.clientWidth} px): "${name(el).slice(0, 40)}"`);
            }
            const wide = document.scrollingElement.scrollWidth;
            if (wholePage && wide > vw + 1) {
                // Name the outermost elements that stick out, so the fix is easy to find.
                const sticking = [...document.querySelectorAll('body *')].filter(el =>
                    shown(el) && el.getBoundingClientRect().right > vw + 1 &&
                    !(el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1));
                out.push(`the page scrolls sideways (${wide} px wide in a ${vw} px window): ` +
                         sticking.slice(0, 5).map(el => `${el.tagName}.${[...el.classList].join('.')}`
                                                        + ` "${name(el)}"`).join('; '));
            }
            for (const el of document.querySelectorAll(labels)) {
                if (!shown(el)) continue;
                const cut = el.scrollWidth > el.clientWidth + 1 &&
                            ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
                const box = el.closest('.jp-OutputArea-output');
                const edge = Math.min(vw, box ? box.getBoundingClientRect().right : vw);
                const right = el.getBoundingClientRect().right > edge + 1;
                if (cut || right) out.push(`cut off: ${el.tagName} "${name(el)}"` +
                                           ` (${el.scrollWidth} px of text in ${el.clientWidth} px)`);
            }
            for (const el of document.querySelectorAll(controls)) {
                if (!shown(el) || el.disabled) continue;
                const target = el.closest('label') || el;
                const r = target.getBoundingClientRect();
                if (r.width < min - 0.5 || r.height < min - 0.5)
                    out.push(`small target: ${el.tagName}[${el.type || ''}] "${name(target)}"` +
                             ` is ${r.width.toFixed(0)}x${r.height.toFixed(0)} px`);
            }
            return out;
        }""",
        [CONTROLS, LABELS, MIN_TARGET, whole_page],
    )


# --------------------------------------------------------------------------- whole page


@contextmanager
def whole_page_in_view(page, max_height: int = 16_000):
    """Grow the window to the page's full height: Voila's page scrolls inside
    ``#rendered_cells``, so a full-page screenshot would show one screen only, and text out of
    view is not measured for colour contrast."""
    original = page.viewport_size
    height = page.locator(RENDERED).evaluate("(el) => el.scrollHeight")
    page.set_viewport_size({"width": original["width"], "height": min(max_height, height + 40)})
    try:
        page.locator(RENDERED).evaluate("(el) => { el.scrollTop = 0; }")
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        yield
    finally:
        page.set_viewport_size(original)


def screenshot_whole_page(page, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with whole_page_in_view(page):
        page.screenshot(path=str(path))
