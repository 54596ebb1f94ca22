"""Privacy in the app view: what a reader types stays on the screen. After the page is closed
(and its kernel stopped), no file the server or its kernels could write holds it; the plan
builder writes only when its save button is pressed, and says where.

The same sentinel approach and the same plan notebook as test_browser_privacy.py.
"""

from __future__ import annotations

import browser_harness as bh
import pytest
import test_browser_privacy as lab_suite
from playwright.sync_api import expect
from selfcheck.text import t

NOTEBOOK = lab_suite.NOTEBOOK
SAVE_LABEL = lab_suite.SAVE_LABEL


@pytest.fixture
def plan_page(app_server, app_context):
    """A page of its own, so that closing it is what a reader does."""
    if NOTEBOOK is None:
        pytest.fail("no notebook shows the plan builder (pcd.tools.plan.plan_builder)")
    import app_harness as ah

    page = ah.AppPage(app_context().new_page(), app_server)
    page.ready(NOTEBOOK, pristine=False)
    return page


def plan_builder(app):
    out = app.page.locator(".jp-OutputArea-output").filter(has_text=SAVE_LABEL)
    expect(out).to_have_count(1)
    out.scroll_into_view_if_needed()
    return out


def test_typed_text_is_in_no_file_after_the_page_is_closed(plan_page):
    app, server = plan_page, plan_page.server
    in_reflection, in_plan = lab_suite.sentinel("reflection"), lab_suite.sentinel("plan")

    reflection = next(
        ex
        for ex in bh.shown_exercises()
        if ex["notebook"] == NOTEBOOK and ex["type"] == "reflection"
    )
    widget = app.exercises.filter(has_text=bh.exercise_key_text(reflection)).first
    widget.scroll_into_view_if_needed()
    widget.get_by_role("textbox").fill(in_reflection)
    widget.get_by_role("button", name=t("done_button"), exact=True).click()
    expect(widget.locator(".selfcheck-feedback")).to_contain_text(t("done"))

    graded = next(
        ex
        for ex in bh.shown_exercises()
        if ex["notebook"] == NOTEBOOK and ex["type"] == "truefalse"
    )
    tf = app.exercises.filter(has_text=bh.exercise_key_text(graded)).first
    tf.scroll_into_view_if_needed()
    tf.get_by_role("button").first.click()
    expect(tf.locator(".selfcheck-feedback")).not_to_be_empty()

    builder = plan_builder(app)
    builder.get_by_role("checkbox").first.check()
    builder.get_by_role("textbox").fill(in_plan)
    expect(builder).to_contain_text(in_plan)

    app.page.close()
    server.stop_kernels()  # and with them anything they held in memory

    progress_files = [p for p in server.progress.rglob("*") if p.is_file()]
    assert any(graded["id"].encode() in p.read_bytes() for p in progress_files), (
        "answering an exercise wrote no progress file, so the search below proves little"
    )
    for secret in (in_reflection, in_plan):
        leaks = server.files_containing(secret)
        assert leaks == [], f"typed text was written to {[str(p) for p in leaks]}"


def test_plan_is_written_only_by_the_save_button(plan_page):
    lab_suite.check_plan_is_written_only_by_its_save_button(
        plan_builder(plan_page), plan_page.server
    )
    plan_page.page.close()
