"""Privacy: what a learner types stays on the screen unless they press the explicit save button.

A unique sentinel is typed into a reflection and into the plan builder (notebook with
``pcd.tools.plan``); the notebook is saved from JupyterLab with Ctrl+S; then every file the
server and its kernels could have written (served folder, progress, settings, workspaces,
runtime, config) is searched for the sentinel.
"""

from __future__ import annotations

import json
import uuid

import browser_harness as bh
import pytest
from pcd.tools.plan import words as plan_words
from playwright.sync_api import expect
from selfcheck.text import t

SAVE_LABEL = plan_words()["save_label"]  # what the learner reads (data/tools/plan.yaml)


def _plan_notebook() -> str | None:
    for nb in bh.notebook_paths():
        src = "".join(
            "".join(c["source"])
            for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"
        )
        if "plan_builder(" in src:
            return nb.name
    return None


NOTEBOOK = _plan_notebook()


@pytest.fixture
def plan_lab(lab):
    if NOTEBOOK is None:
        pytest.fail("no notebook shows the plan builder (pcd.tools.plan.plan_builder)")
    lab.ready(NOTEBOOK, pristine=False)
    return lab


def on_screen(locator):
    """Scroll to it: JupyterLab skips rendering cells out of view (content-visibility), and
    controls there count as hidden to role queries."""
    locator.scroll_into_view_if_needed()
    return locator


def plan_builder(lab):
    out = lab.panel.locator(".jp-OutputArea-output").filter(has_text=SAVE_LABEL)
    expect(out).to_have_count(1)
    return on_screen(out)


def sentinel(what: str) -> str:
    return f"PCD-SENTINEL-{what}-{uuid.uuid4().hex}"


def test_typed_text_is_in_no_file_after_saving_the_notebook(plan_lab):
    lab, server = plan_lab, plan_lab.server
    in_reflection, in_plan = sentinel("reflection"), sentinel("plan")

    reflection = next(
        ex
        for ex in bh.shown_exercises()
        if ex["notebook"] == NOTEBOOK and ex["type"] == "reflection"
    )
    widget = on_screen(lab.exercises.filter(has_text=bh.exercise_key_text(reflection)).first)
    widget.get_by_role("textbox").fill(in_reflection)
    widget.get_by_role("button", name=t("done_button"), exact=True).click()
    expect(widget.locator(".selfcheck-feedback")).to_contain_text(t("done"))
    expect(widget.get_by_role("textbox")).to_have_value(in_reflection)  # still on screen

    # A graded answer, so the progress store really writes a file for the search to cover.
    graded = next(
        ex
        for ex in bh.shown_exercises()
        if ex["notebook"] == NOTEBOOK and ex["type"] == "truefalse"
    )
    tf = on_screen(lab.exercises.filter(has_text=bh.exercise_key_text(graded)).first)
    tf.get_by_role("button").first.click()
    expect(tf.locator(".selfcheck-feedback")).not_to_be_empty()

    builder = plan_builder(lab)
    builder.get_by_role("checkbox").first.check()
    builder.get_by_role("textbox").fill(in_plan)
    expect(builder).to_contain_text(in_plan)  # the summary shows the note back

    saved = server.served / NOTEBOOK
    before = saved.stat().st_mtime_ns
    lab.save()
    # By the time, not the bytes: the save hook writes previews, not live widgets, so a saved
    # run can be byte for byte the file that was there (another test may have saved it).
    assert saved.stat().st_mtime_ns != before, "Ctrl+S did not write the notebook"

    progress_files = [p for p in server.progress.rglob("*") if p.is_file()]
    assert progress_files, "answering an exercise wrote no progress file"
    assert any(graded["id"].encode() in p.read_bytes() for p in progress_files)

    for secret in (in_reflection, in_plan):
        leaks = server.files_containing(secret)
        assert leaks == [], f"typed text was written to {[str(p) for p in leaks]}"


def test_plan_is_written_only_by_the_save_button(plan_lab):
    check_plan_is_written_only_by_its_save_button(plan_builder(plan_lab), plan_lab.server)


def check_plan_is_written_only_by_its_save_button(builder, server) -> None:
    """Typing in the plan builder writes nothing; its save button writes one Markdown file next
    to the notebook and says exactly where (used by the JupyterLab and app-view suites)."""
    note = sentinel("saved-plan")
    builder.get_by_role("textbox").fill(note)
    expect(builder).to_contain_text(note)
    assert server.files_containing(note) == []

    # Not by role name: the button's icon glyph (CSS ::before) is part of its accessible name.
    builder.locator("button", has_text=SAVE_LABEL).click()
    expect(builder).to_contain_text("Saved your plan to")
    written = server.files_containing(note)
    assert len(written) == 1 and written[0].suffix == ".md", written
    assert written[0].parent == server.served  # next to the notebook, as the notebook says
    expect(builder).to_contain_text(str(written[0].resolve()))
