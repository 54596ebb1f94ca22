"""Every question type, answered wrong and then right with the mouse, in a real browser.

What to click comes from the engine's own view of each exercise (``grading.right_response``,
``wrong_response``, the question's options in the order shown); the words the learner should
read come from the engine's string table, so the tests follow a translation or a rewording.
The screen-reader semantics (named groups, one persistent live region) are asserted through
Chromium's accessibility tree.
"""

from __future__ import annotations

import browser_harness as bh
import pytest
import selfcheck
from playwright.sync_api import expect
from selfcheck import grading
from selfcheck.text import t

TYPES = ("single", "multi", "truefalse", "numeric", "matching", "reflection")
CHOSEN = bh.pick_notebook_for_types(TYPES, bh.shown_exercises())
# Grouped by notebook, so each notebook is opened and run once.
CASES = sorted(CHOSEN.values(), key=lambda ex: (ex["notebook"], TYPES.index(ex["type"])))


def find(lab, ex: dict):
    """The exercise's widget on the page (by its prompt; the notebook is run first)."""
    lab.ready(ex["notebook"], pristine=False)
    widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    widget.scroll_into_view_if_needed()
    return widget


def text_of(q, option_id: str) -> str:
    """What the learner reads for one of the question's options."""
    return bh.plain(next(o.text for o in q.options if o.id == option_id))


def click_check(widget):
    widget.get_by_role("button", name=t("check"), exact=True).click()


def real_figure(q) -> str:
    """The "real figure" line a numeric exercise shows after any answer: the engine's own."""
    return bh.plain(grading.reveal(q).details[0].text)


# --------------------------------------------------------------------------- screen readers


def assert_named_groups(widget, q) -> None:
    """Through Chromium's accessibility tree: each set of choices is a group named by its
    question (one per item in a matching exercise), so a screen reader says what is asked."""
    tree = widget.aria_snapshot()
    if isinstance(q, (selfcheck.SingleChoice, selfcheck.MultiChoice)):
        role = "radiogroup" if isinstance(q, selfcheck.SingleChoice) else "group"
        name = bh.plain(q.prompt)
        expect(widget.get_by_role(role, name=name)).to_have_count(1)
        control = "radio" if role == "radiogroup" else "checkbox"
        for option in q.options:
            group = widget.get_by_role(role, name=name)
            expect(
                group.get_by_role(control, name=bh.plain(option.text), exact=True)
            ).to_be_visible()
    else:
        for n, item in enumerate(q.items, start=1):
            group = widget.get_by_role("radiogroup", name=f"{n}. {bh.plain(item.text)}", exact=True)
            expect(group).to_have_count(1)
            for category in q.categories:
                expect(group.get_by_role("radio", name=category.label, exact=True)).to_have_count(1)
    assert ("radiogroup" if not isinstance(q, selfcheck.MultiChoice) else "group") in tree, tree
    if isinstance(q, selfcheck.MultiChoice):
        # "Select all that apply." is said once, whether or not the prompt already ends with it.
        assert widget.inner_text().count(t("multi_instruction")) == 1, widget.inner_text()


def mark_live_region(widget):
    """The exercise's status region, checked present and empty before the first Check, and
    marked so that ``assert_same_live_region`` can prove later that it was never replaced."""
    region = widget.get_by_role("status")
    expect(region).to_have_count(1)
    expect(region).to_have_text("")
    assert "- status" in widget.aria_snapshot()
    region.evaluate("(el) => { el.pcdMark = 'before-check'; }")
    return region


def assert_same_live_region(widget, region, headline: str) -> None:
    """After a Check: one status region, announcing the feedback, and it is the element that
    was there before (only its content changed, so screen readers announce it)."""
    expect(region).to_have_count(1)
    expect(region).to_contain_text(headline)
    assert region.evaluate("(el) => el.pcdMark") == "before-check", "the live region was re-created"
    # The accessibility tree has the headline inside the status region itself.
    assert headline in widget.get_by_role("status").aria_snapshot()


def assert_accessible(lab, widget, what: str):
    """axe on the answered exercise: no serious or critical violation, and the feedback text
    the learner now sees was checked for colour contrast and passed."""
    widget.evaluate("(el) => el.setAttribute('data-pcd-under-test', '')")
    try:
        whole = bh.axe(lab.page, ["[data-pcd-under-test]"])
        contrast = bh.axe(
            lab.page, ["[data-pcd-under-test] .selfcheck-feedback"], rules=["color-contrast"]
        )
    finally:
        widget.evaluate("(el) => el.removeAttribute('data-pcd-under-test')")
    counts = bh.impact_counts(whole)
    assert counts["critical"] == counts["serious"] == 0, bh.describe_violations(whole)
    nodes = bh.rule_nodes(contrast, "color-contrast")
    assert nodes["passes"] > 0, f"{what}: no feedback text was checked for contrast: {nodes}"
    assert nodes["violations"] == 0, bh.describe_violations(
        contrast, ("critical", "serious", "moderate", "minor")
    )


# --------------------------------------------------------------------------- per type


def drive_single(lab, widget, ex, screenshots):
    q = ex["question"]
    assert_named_groups(widget, q)
    feedback = mark_live_region(widget)
    wrong = text_of(q, grading.wrong_response(q))
    right = text_of(q, grading.right_response(q))
    reveal = widget.get_by_role("button", name=t("reveal"), exact=True)

    if q.hint:
        hint = widget.get_by_role("button", name=t("hint"), exact=True)
        hint.click()
        expect(widget).to_contain_text(f"{t('hint_prefix')} {bh.plain(q.hint)}")
        widget.get_by_role("button", name=t("hint_hide"), exact=True).click()
        expect(widget).not_to_contain_text(bh.plain(q.hint))

    widget.get_by_role("radio", name=wrong, exact=True).click()
    for attempt in range(1, max(ex["reveal_after"], 1) + 1):
        expect(reveal).to_be_hidden() if ex["reveal_after"] else None
        click_check(widget)
        assert_same_live_region(widget, feedback, t("incorrect"))
        expect(feedback).to_contain_text(t("picked_wrong", option=wrong))
        if attempt == 1:
            assert_accessible(lab, widget, "feedback after a wrong answer")
            widget.screenshot(path=str(screenshots / "exercise-single-wrong.png"))

    expect(reveal).to_be_visible()
    reveal.click()
    expect(feedback).to_contain_text(t("revealed"))
    expect(feedback).to_contain_text(t("answer_is", answer=f"“{right}”"))

    widget.get_by_role("radio", name=right, exact=True).click()
    click_check(widget)
    assert_same_live_region(widget, feedback, t("correct"))
    expect(feedback).to_contain_text(t("picked_right", option=right))
    assert_accessible(lab, widget, "feedback after a right answer")
    widget.screenshot(path=str(screenshots / "exercise-single-right.png"))


def drive_multi(lab, widget, ex, screenshots):
    q = ex["question"]
    assert_named_groups(widget, q)
    feedback = mark_live_region(widget)

    def box(option_id):
        return widget.get_by_role("checkbox", name=text_of(q, option_id), exact=True)

    wrong = sorted(grading.wrong_response(q) or ())
    assert wrong, f"{q.id}: every option is right, so no wrong answer can be tried"
    box(wrong[0]).check()
    click_check(widget)
    assert_same_live_region(widget, feedback, t("incorrect"))
    expect(feedback).to_contain_text(t("picked_wrong", option=text_of(q, wrong[0])))

    box(wrong[0]).uncheck()
    for option_id in grading.right_response(q):
        box(option_id).check()
    click_check(widget)
    assert_same_live_region(widget, feedback, t("correct"))
    for option_id in grading.right_response(q):
        expect(feedback).to_contain_text(t("picked_right", option=text_of(q, option_id)))


def drive_truefalse(lab, widget, ex, screenshots):
    q = ex["question"]
    feedback = mark_live_region(widget)
    myth = q.style == "myth-fact"
    yes, no = (t("fact"), t("myth")) if myth else (t("true"), t("false"))
    truth = bh.plain(grading.reveal(q).details[0].text)
    right, wrong = (yes, no) if grading.right_response(q) else (no, yes)

    widget.get_by_role("button", name=wrong, exact=True).click()
    assert_same_live_region(widget, feedback, t("incorrect"))
    expect(feedback).to_contain_text(truth)

    widget.get_by_role("button", name=right, exact=True).click()
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(truth)


def _set_numeric(lab, widget, q, value: float) -> float:
    """Put ``value`` in the exercise with the mouse; return the value the widget shows."""
    if q.input == "box":
        box = widget.locator("input[type=number]")
        box.click()
        box.fill(bh.fmt_number(value))
        return value
    # A click on the slider's track moves the handle there: aim at the value's position.
    track = widget.locator(".noUi-target, .slider").first
    readout = widget.locator(".widget-readout")
    box = track.bounding_box()
    x = box["x"] + (value - q.min) / (q.max - q.min) * box["width"]
    shown = None
    for nudge in (0, -1, 1, -2, 2, -3, 3):
        track.page.mouse.click(
            min(max(x + nudge, box["x"]), box["x"] + box["width"] - 0.5),
            box["y"] + box["height"] / 2,
        )
        lab.page.wait_for_timeout(50)  # the readout follows the handle on the next frame
        shown = float(readout.inner_text().replace(",", ""))
        if abs(shown - value) <= q.step / 2 + 1e-9:
            break
    return shown


def drive_numeric(lab, widget, ex, screenshots):
    q = ex["question"]
    feedback = mark_live_region(widget)
    width = q.tolerance.width(q.answer)
    real = real_figure(q)
    far = grading.wrong_response(q)
    assert far is not None, f"{q.id}: no wrong value to try"

    guess = _set_numeric(lab, widget, q, far)
    assert abs(guess - q.answer) > width, f"{q.id}: the slider landed on {guess}"
    click_check(widget)
    expect(feedback).not_to_contain_text(t("correct"))
    expect(feedback).to_contain_text(real)
    assert region_is_same(feedback)

    guess = _set_numeric(lab, widget, q, grading.right_response(q))
    assert abs(guess - q.answer) <= width, f"slider landed on {guess}"
    click_check(widget)
    assert_same_live_region(widget, feedback, t("correct"))
    expect(feedback).to_contain_text(real)


def region_is_same(region) -> bool:
    return region.evaluate("(el) => el.pcdMark") == "before-check"


def drive_matching(lab, widget, ex, screenshots):
    q = ex["question"]
    assert_named_groups(widget, q)
    feedback = mark_live_region(widget)
    labels = {c.id: c.label for c in q.categories}
    shown = [" ".join(s.split()) for s in widget.locator(".selfcheck-item").all_text_contents()]
    assert shown == [f"{n}. {bh.plain(i.text)}" for n, i in enumerate(q.items, start=1)]
    pickers = widget.locator(bh.PICKER)
    assert pickers.count() == len(q.items)

    def choose(answers: dict):
        for n, item in enumerate(q.items):
            bh.picker_choice(pickers.nth(n), labels[answers[item.id]]).click()
            bh.expect_chosen(pickers.nth(n), labels[answers[item.id]])

    wrong = grading.wrong_response(q)
    choose(wrong)
    click_check(widget)
    assert_same_live_region(widget, feedback, t("incorrect"))
    expect(feedback).to_contain_text(t("matching_score", right=0, total=len(q.items)))

    choose(grading.right_response(q))
    click_check(widget)
    assert_same_live_region(widget, feedback, t("correct"))
    expect(feedback).to_contain_text(t("matching_score", right=len(q.items), total=len(q.items)))
    for item in q.items:
        expect(feedback).to_contain_text(
            t("item_right", item=bh.plain(item.text), category=labels[item.answer])
        )


def drive_reflection(lab, widget, ex, screenshots):
    q = ex["question"]
    feedback = mark_live_region(widget)
    box = widget.get_by_role("textbox")
    typed = "Something I <b>noticed</b>"
    box.click()
    box.fill(typed)
    widget.get_by_role("button", name=t("done_button"), exact=True).click()
    assert_same_live_region(widget, feedback, t("done"))
    expect(feedback).to_contain_text(t("reflection_done"))
    if q.consider:
        expect(feedback).to_contain_text(bh.plain(q.consider))
    # Never graded, and the text stays in its box only: not copied into the feedback.
    expect(feedback).not_to_contain_text(t("correct"))
    expect(feedback).not_to_contain_text("noticed")
    expect(box).to_have_value(typed)


@pytest.mark.parametrize("ex", CASES, ids=[f"{c['type']}-{c['id']}" for c in CASES])
def test_answer_wrong_then_right_with_the_mouse(lab, ex, screenshots):
    widget = find(lab, ex)
    globals()[f"drive_{ex['type']}"](lab, widget, ex, screenshots)


def test_every_question_type_is_shown_somewhere():
    missing = set(TYPES) - set(CHOSEN)
    if bh.notebook_paths() and missing:
        pytest.fail(f"no notebook shows an exercise of type {sorted(missing)}")
