"""Keyboard only, in the app view: from the top of the page, Tab reaches the first exercise;
the arrow keys move between its choices (in Voila, Chromium treats an exercise's radio buttons
as one group: Tab enters and leaves it, arrows move inside), Space picks, Tab moves on to
"Check", Enter presses it. Then a matching exercise the same way.

The app view has no notebook shortcuts, so keys need no protecting there: the walk itself is
what is tested. Focus helpers are the JupyterLab suite's (test_browser_keyboard.py).
"""

from __future__ import annotations

import browser_harness as bh
import test_browser_keyboard as lab_suite
from playwright.sync_api import expect
from selfcheck.text import t

START = "00-start-here.ipynb"


def arrow_to(page, label: str, key: str, limit: int = 12) -> None:
    """Move inside a group of choices with an arrow key until ``label`` has the focus."""
    for _ in range(limit):
        if lab_suite.focused(page)["label"] == label:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {label!r}")


def test_first_exercise_from_the_top_of_the_page_with_the_keyboard(app, app_screenshots):
    app.ready(START, pristine=True)
    app.pristine = False
    page = app.page
    ex = next(e for e in bh.shown_exercises() if e["notebook"] == START)
    assert ex["type"] == "single", "the start notebook's first exercise is a single choice"
    widget = app.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    widget.evaluate("(el) => el.setAttribute('data-pcd-kbd', '')")  # marks where focus should go
    right = bh.plain(next(o for o in ex["options"] if o["id"] == ex["answer"])["text"])
    wrong = bh.plain(next(o for o in ex["options"] if o["id"] != ex["answer"])["text"])

    # Nothing focused yet: the walk starts where a reader who just opened the page starts.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    lab_suite.tab_to(
        page,
        lambda f: f["inside"] and f["type"] == "radio",
        "the first exercise's choices",
        limit=60,
    )
    for pick, verdict in ((wrong, t("incorrect")), (right, t("correct"))):
        lab_suite.tab_to(
            page, lambda f: f["inside"] and f["type"] == "radio", "the choices", key="Shift+Tab"
        )
        arrow_to(page, pick, "ArrowDown")
        page.keyboard.press("Space")
        expect(widget.get_by_role("radio", name=pick, exact=True)).to_be_checked()
        lab_suite.press_check(page)
        expect(widget.locator(".selfcheck-feedback")).to_contain_text(verdict)
    widget.screenshot(path=str(app_screenshots / "keyboard-single-right.png"))


def test_matching_with_the_keyboard(app):
    nb = lab_suite.NOTEBOOK
    app.ready(nb, pristine=True)
    app.pristine = False
    ex = next(e for e in bh.shown_exercises() if e["notebook"] == nb and e["type"] == "matching")
    widget = app.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    widget.scroll_into_view_if_needed()
    labels = {c["id"]: c["label"] for c in ex["categories"]}
    shown = [" ".join(s.split()) for s in widget.locator(".selfcheck-item").all_text_contents()]
    items = [
        next(i for i in ex["items"] if text == f"{n}. {bh.plain(i['text'])}")
        for n, text in enumerate(shown, start=1)
    ]
    pickers = widget.locator(bh.PICKER)
    lab_suite.enter_exercise(widget)
    for n, item in enumerate(items):
        label = labels[item["answer"]]
        lab_suite.tab_to(
            app.page,
            lambda f, n=n: f["inside"] and f["picker"] == n,
            f"the choices of item {n + 1}",
        )
        arrow_to(app.page, label, "ArrowRight")
        app.page.keyboard.press("Space")
        bh.expect_chosen(pickers.nth(n), label)
    lab_suite.press_check(app.page)
    feedback = widget.locator(".selfcheck-feedback")
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(t("matching_score", right=len(items), total=len(items)))
