"""Every notebook, as a learner meets it: open in JupyterLab, Run All, look.

One run per notebook is shared by the three checks below (pytest groups them by notebook), so
each notebook starts one kernel once.
"""

from __future__ import annotations

import json
import uuid

import browser_harness as bh
import pytest
from pcd.tools._tool import RUN_NOTE
from playwright.sync_api import expect
from selfcheck.text import t

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


def _output_mimes(lab) -> list[list[str]]:
    """The MIME types of every code-cell output in the open notebook's model, in order."""
    return lab.page.evaluate(
        """() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            const found = [];
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type !== 'code') continue;
                for (let j = 0; j < cell.outputs.length; j++)
                    found.push(Object.keys(cell.outputs.get(j).data || {}));
            }
            return found;
        }"""
    )


def test_a_saved_notebook_reopens_with_its_previews(lab, notebook):
    """Run All, type, save, let the kernel stop, close and reopen: every exercise and tool shows
    its static preview with its run-the-notebook note, never "Error displaying widget", and
    the file holds neither widget state nor what was typed. (Runs last: it reopens the page.)"""
    lab.ran(notebook, pristine=False)
    expected = len(bh.exercise_ids(bh.NOTEBOOKS / notebook))
    if expected:
        lab.wait_exercises(expected)
    live = [m for m in _output_mimes(lab) if bh.WIDGET_MIME in m]
    assert len(live) >= expected, f"{notebook}: fewer live widgets than exercises"
    typed = f"PCD-SENTINEL-reopen-{uuid.uuid4().hex}"
    boxes = lab.panel.locator(".jp-OutputArea-output textarea")
    if boxes.count():
        box = boxes.first
        box.scroll_into_view_if_needed()
        box.fill(typed)
    lab.save()

    saved_text = (lab.server.served / notebook).read_text(encoding="utf-8")
    saved = json.loads(saved_text)
    assert typed not in saved_text, f"{notebook}: typed text was saved"
    assert "widgets" not in saved["metadata"], f"{notebook}: widget state was saved"
    assert bh.WIDGET_MIME not in saved_text, f"{notebook}: a live-widget reference was saved"

    lab.current = None  # the page no longer shows a run: the next test runs afresh
    lab.open(notebook)  # closes it, shuts its kernel down, opens the saved file again
    reopened = _output_mimes(lab)
    assert not any(bh.WIDGET_MIME in m for m in reopened)
    # Each output that held a live widget now holds its preview, in the same place.
    assert sum("text/html" in m for m in reopened) >= len(live)
    # Outputs render after the notebook opens: wait for them, in the page as a learner sees it.
    previews = lab.panel.locator(".jp-OutputArea-output .selfcheck-preview").filter(
        has_text=t("preview_run")
    )
    expect(previews).to_have_count(expected)  # every exercise shows its preview and its note
    notes = lab.panel.locator(".jp-OutputArea-output").filter(has_text=RUN_NOTE)
    expect(notes).to_have_count(len(_tool_calls(notebook)))  # and every tool
    assert lab.errors() == [], f"{notebook}: the reopened notebook shows an error"


def _tool_calls(notebook: str) -> list[str]:
    """The code cells that call a tool with a run-the-notebook note (not the static chart)."""
    cells = json.loads((bh.NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return [s for s in sources if "pcd.tools." in s and "context_chart" not in s]
