"""The app view as one site: links between notebooks, the "Where to get help" anchors, the
progress table and the adaptive review, which reads what was answered on another page.

The tests run in order and share the server's progress file, as a reader's visit does.
"""

from __future__ import annotations

import re

import browser_harness as bh
from playwright.sync_api import expect
from selfcheck.text import t

START, HELP_NB, REVIEW_NB = "00-start-here.ipynb", "08-coping-and-help.ipynb", "09-review.ipynb"
HELP_LINK = f'a[href="{HELP_NB}#Where-to-get-help"]'


def warm_up() -> dict:
    return next(ex for ex in bh.shown_exercises() if ex["notebook"] == START)


def in_view(page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return r.top >= -1 && r.top < window.innerHeight / 2; }"
    )


def test_next_link_opens_the_next_notebook_in_the_app_view(app):
    app.ready(START)
    link = app.page.locator('a[href="01-what-is-pcd.ipynb"]').last
    link.scroll_into_view_if_needed()
    link.click()
    expect(app.page).to_have_url(f"{app.server.url}/voila/render/notebooks/01-what-is-pcd.ipynb")
    app.wait_rendered("01-what-is-pcd.ipynb")
    assert app.errors() == []


def test_where_to_get_help_link_lands_on_the_help_list(app):
    app.ready(START)
    app.page.locator(HELP_LINK).first.click()
    expect(app.page).to_have_url(
        re.compile(rf"/voila/render/notebooks/{HELP_NB}#Where-to-get-help$")
    )
    app.wait_rendered(HELP_NB)
    heading = app.page.locator("#Where-to-get-help")
    expect(heading).to_have_count(1)
    expect(heading).to_contain_text("Where to get help")
    # Voila shows the page only when every cell has run, after the browser's own jump to the
    # anchor: the module's template jumps again then, so the reader lands on the list.
    app.page.wait_for_function(
        "() => { const r = document.getElementById('Where-to-get-help').getBoundingClientRect();"
        " return r.top >= -1 && r.top < window.innerHeight / 2; }",
        timeout=10_000,
    )
    assert in_view(app.page, "#Where-to-get-help")


def test_progress_table_counts_an_answer_given_in_the_app_view(app):
    app.ready(START, pristine=False)
    ex = warm_up()
    widget = app.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    wrong = next(o for o in ex["options"] if o["id"] != ex["answer"])
    widget.get_by_role("radio", name=bh.plain(wrong["text"]), exact=True).click()
    widget.get_by_role("button", name=t("check"), exact=True).click()
    expect(widget.locator(".selfcheck-feedback")).to_contain_text(t("incorrect"))

    progress = app.page.locator(".selfcheck-progress")
    refresh = progress.get_by_role("button", name=t("overview_refresh"), exact=True)
    refresh.scroll_into_view_if_needed()
    refresh.click()  # (the table also updates by itself once the store tells it)
    bank = bh.load_bank_yaml(bh.bank_name(bh.NOTEBOOKS / START))["exercises"]
    total = sum(1 for e in bank if e["type"] != "reflection")  # reflections are not counted
    row = progress.locator("tr", has_text="Start here")
    # Tried: 1; right the first time: 0.
    expect(row.locator("td").nth(1)).to_have_text(t("overview_of", n=1, total=total))
    expect(row.locator("td").nth(2)).to_have_text(t("overview_of", n=0, total=total))


def test_review_brings_back_the_exercise_missed_on_another_page(app):
    """Runs after the wrong answer above: the review (09) starts with that exercise."""
    app.ready(REVIEW_NB, pristine=False)
    review = app.page.locator(".pcd-review")
    start = review.get_by_role("button", name="Start review", exact=True)
    start.scroll_into_view_if_needed()
    start.click()
    shown = review.locator(bh.EXERCISE)
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text(bh.exercise_key_text(warm_up()))
    assert app.errors() == []
