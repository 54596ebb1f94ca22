"""Every notebook in the app view (Voila), as a reader meets it: a page with no code that runs
by itself, in the light and the dark theme, on a desktop, a phone and at 200% zoom.

One page load per notebook and theme is shared by the checks below (pytest groups them by
notebook). A phone and 200% zoom lay the page out in 390x844 and 640x400 CSS pixels; the
window is resized to those (the device pixel ratio changes how sharp the page is drawn, not its
layout: test_app_layout.py checks real phone and 2x contexts too).
"""

from __future__ import annotations

import app_harness as ah
import browser_harness as bh
import pytest

NOTEBOOKS = bh.notebook_paths()
# Instructions that only make sense in JupyterLab (pcd.views keeps them out of the app view).
LAB_ONLY = ("Run All", "Run menu", "Shift+Enter", "code box")


@pytest.fixture(scope="module", params=[nb.name for nb in NOTEBOOKS])
def notebook(request, app):
    app.ready(request.param)
    seconds = app.first_exercise_seconds
    bh.note(
        "app view: open to first exercise usable / all rendered",
        f"{request.param}: {seconds if seconds is None else round(seconds, 1)} s / "
        f"{app.rendered_seconds:.1f} s",
    )
    return request.param


def test_runs_by_itself_with_no_code_and_no_errors(app, notebook, app_screenshots):
    app.ready(notebook)
    # The whole page as a reader sees it, for the test artifacts (not itself a check).
    ah.screenshot_whole_page(app.page, app_screenshots / f"{notebook.removesuffix('.ipynb')}.png")
    expected = len(bh.exercise_ids(bh.NOTEBOOKS / notebook))
    assert app.errors() == [], f"{notebook}: the reader sees an error"
    assert app.exercises.count() == expected
    assert app.code_shown() == 0, f"{notebook}: code or prompts are shown"
    text = app.page.locator(ah.RENDERED).inner_text()
    assert [w for w in LAB_ONLY if w in text] == [], f"{notebook}: JupyterLab-only instructions"


def test_accessibility_light(app, notebook):
    app.ready(notebook)
    assert_no_serious_violations(app, notebook, "light")


def test_fits_a_phone_and_200_percent_zoom(app, notebook, app_screenshots):
    app.ready(notebook)
    stem = notebook.removesuffix(".ipynb")
    original = app.page.viewport_size
    try:
        for what, options in (("phone", ah.PHONE), ("zoom200", ah.ZOOM_200)):
            app.page.set_viewport_size(options["viewport"])
            app.page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
            problems = ah.layout_problems(app.page)
            assert problems == [], f"{notebook} at {what} size:\n" + "\n".join(problems)
            if what == "phone" and app.exercises.count():
                app.exercises.first.scroll_into_view_if_needed()
                app.page.screenshot(path=str(app_screenshots / f"{what}-{stem}.png"))
    finally:
        app.page.set_viewport_size(original)


def test_accessibility_dark(app, notebook):
    """Last for each notebook: it reloads the page in Voila's dark theme."""
    app.ready(notebook, theme="dark")
    assert app.page.evaluate("() => document.body.classList.contains('theme-dark')")
    assert app.errors() == []
    assert_no_serious_violations(app, notebook, "dark")


def assert_no_serious_violations(app, notebook: str, theme: str) -> None:
    with ah.whole_page_in_view(app.page):
        result = bh.axe(app.page, [ah.RENDERED])
        contrast = bh.axe(app.page, [ah.RENDERED], rules=["color-contrast"])
    counts = bh.impact_counts(result)
    nodes = bh.rule_nodes(contrast, "color-contrast")
    line = f"{notebook} {theme}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    bh.note("app view: axe violations (nodes per impact)", f"{line}; contrast {nodes}")
    assert counts["critical"] == counts["serious"] == 0, bh.describe_violations(result)
    assert nodes["passes"] > 20, f"{notebook} {theme}: too little text checked for contrast"
