"""Every notebook, as a learner meets it: open in JupyterLab, Run All, look.

One run per notebook is shared by the three checks below (pytest groups them by notebook), so
each notebook starts one kernel once.
"""

from __future__ import annotations

import browser_harness as bh
import pytest

NOTEBOOKS = bh.notebook_paths()


@pytest.fixture(scope="module", params=[nb.name for nb in NOTEBOOKS])
def notebook(request, lab):
    seconds = lab.ran(request.param)
    bh.note("browser: Run All to idle", f"{request.param}: {seconds:.1f} s")
    return request.param


def test_runs_without_errors_and_shows_every_exercise(lab, notebook):
    expected = len(bh.exercise_ids(bh.NOTEBOOKS / notebook))
    lab.ran(notebook)
    if expected:
        lab.wait_exercises(expected)
    assert lab.errors() == [], f"{notebook}: the learner sees an error after Run All"
    assert lab.exercises.count() == expected, (
        f"{notebook}: {lab.exercises.count()} exercise widgets rendered, "
        f"{expected} lesson.exercise(...) calls in the notebook"
    )


# Evidence badges: Markdown inline code in the prose, and styled spans in tool outputs.
BADGES = (f"{bh.ACTIVE_PANEL} .jp-RenderedMarkdown code", f"{bh.ACTIVE_PANEL} .pcd-evidence")


@pytest.mark.parametrize("theme", [bh.LIGHT_THEME, bh.DARK_THEME])
def test_accessibility_of_outputs(lab, notebook, theme):
    """axe finds no serious or critical problem in any output, in the light and dark themes:
    the outputs take their colours from the theme, and every figure has its own backing."""
    lab.ran(notebook)
    expected = len(bh.exercise_ids(bh.NOTEBOOKS / notebook))
    if expected:
        lab.wait_exercises(expected)
    with lab.theme(theme), lab.whole_notebook_in_view():
        assert lab.page.evaluate("() => document.body.dataset.jpThemeName") == theme
        result = bh.axe(lab.page, [f"{bh.ACTIVE_PANEL} .jp-OutputArea"])
        badges = lab.page.evaluate(
            """(sels) => sels.flatMap(s => [...document.querySelectorAll(s)])
                           .filter(e => e.textContent.trim().startsWith('Evidence')).length""",
            list(BADGES),
        )
        contrast = bh.axe(lab.page, list(BADGES), rules=["color-contrast"]) if badges else None
    counts = bh.impact_counts(result)
    line = f"{notebook}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    if contrast is not None:
        line += f"; {badges} evidence badges, contrast {bh.rule_nodes(contrast, 'color-contrast')}"
    bh.note(f"browser: axe violations in outputs, {theme} (nodes per impact)", line)
    print(f"\naxe {theme} " + line)
    assert counts["critical"] == 0 and counts["serious"] == 0, bh.describe_violations(result)
    if contrast is not None:
        nodes = bh.rule_nodes(contrast, "color-contrast")
        assert nodes["passes"] > 0, f"{notebook}: no evidence badge was checked for contrast"
        assert nodes["violations"] == 0, bh.describe_violations(
            contrast, ("critical", "serious", "moderate", "minor")
        )


def test_screenshot(lab, notebook, screenshots):
    lab.ran(notebook)
    path = screenshots / f"{notebook.removesuffix('.ipynb')}.png"
    lab.screenshot_notebook(path)
    assert path.stat().st_size > 10_000
