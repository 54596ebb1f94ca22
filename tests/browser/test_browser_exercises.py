"""Every question type, answered wrong and then right with the mouse, in a real browser.

The right answers come from the banks (modules/pcd/banks/*.yaml); the words the learner should
read come from the engine's string table, so the tests follow a translation or a rewording.
"""

from __future__ import annotations

import browser_harness as bh
import pytest
from playwright.sync_api import expect
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


def option(ex: dict, option_id: str) -> dict:
    return next(o for o in ex["options"] if o["id"] == option_id)


def answers(ex: dict) -> set[str]:
    a = ex["answer"]
    return set(a) if isinstance(a, list) else {a}


def click_check(widget):
    widget.get_by_role("button", name=t("check"), exact=True).click()


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
    feedback = widget.locator(".selfcheck-feedback")
    wrong = next(o for o in ex["options"] if o["id"] not in answers(ex))
    right = option(ex, ex["answer"])
    reveal = widget.get_by_role("button", name=t("reveal"), exact=True)

    if ex.get("hint"):
        hint = widget.get_by_role("button", name=t("hint"), exact=True)
        hint.click()
        expect(widget).to_contain_text(f"{t('hint_prefix')} {bh.plain(ex['hint'])}")
        widget.get_by_role("button", name=t("hint_hide"), exact=True).click()
        expect(widget).not_to_contain_text(bh.plain(ex["hint"]))

    widget.get_by_role("radio", name=bh.plain(wrong["text"]), exact=True).click()
    reveal_after = bh.load_bank_yaml(bh.bank_name(bh.NOTEBOOKS / ex["notebook"])).get(
        "reveal_after", 2
    )
    for attempt in range(1, max(reveal_after, 1) + 1):
        expect(reveal).to_be_hidden() if reveal_after else None
        click_check(widget)
        expect(feedback).to_contain_text(t("incorrect"))
        expect(feedback).to_contain_text(t("picked_wrong", option=bh.plain(wrong["text"])))
        if attempt == 1:
            assert_accessible(lab, widget, "feedback after a wrong answer")
            widget.screenshot(path=str(screenshots / "exercise-single-wrong.png"))

    expect(reveal).to_be_visible()
    reveal.click()
    expect(feedback).to_contain_text(t("revealed"))
    expect(feedback).to_contain_text(t("answer_is", answer=f"“{bh.plain(right['text'])}”"))

    widget.get_by_role("radio", name=bh.plain(right["text"]), exact=True).click()
    click_check(widget)
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(t("picked_right", option=bh.plain(right["text"])))
    assert_accessible(lab, widget, "feedback after a right answer")
    widget.screenshot(path=str(screenshots / "exercise-single-right.png"))


def drive_multi(lab, widget, ex, screenshots):
    feedback = widget.locator(".selfcheck-feedback")

    def box(o):
        return widget.get_by_role("checkbox", name=bh.plain(o["text"]), exact=True)

    wrong = [o for o in ex["options"] if o["id"] not in answers(ex)]
    assert wrong, f"{ex['id']}: every option is right, so no wrong answer can be tried"
    box(wrong[0]).check()
    click_check(widget)
    expect(feedback).to_contain_text(t("incorrect"))
    expect(feedback).to_contain_text(t("picked_wrong", option=bh.plain(wrong[0]["text"])))

    box(wrong[0]).uncheck()
    for o in ex["options"]:
        if o["id"] in answers(ex):
            box(o).check()
    click_check(widget)
    expect(feedback).to_contain_text(t("correct"))
    for o in ex["options"]:
        if o["id"] in answers(ex):
            expect(feedback).to_contain_text(t("picked_right", option=bh.plain(o["text"])))


def drive_truefalse(lab, widget, ex, screenshots):
    feedback = widget.locator(".selfcheck-feedback")
    myth = ex.get("style") == "myth-fact"
    yes, no = (t("fact"), t("myth")) if myth else (t("true"), t("false"))
    truth = {
        (True, True): "statement_fact",
        (True, False): "statement_myth",
        (False, True): "statement_true",
        (False, False): "statement_false",
    }[(myth, bool(ex["answer"]))]
    right, wrong = (yes, no) if ex["answer"] else (no, yes)

    widget.get_by_role("button", name=wrong, exact=True).click()
    expect(feedback).to_contain_text(t("incorrect"))
    expect(feedback).to_contain_text(t(truth))

    widget.get_by_role("button", name=right, exact=True).click()
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(t(truth))


def _set_numeric(lab, widget, ex, value: float) -> float:
    """Put ``value`` in the exercise with the mouse; return the value the widget shows."""
    if ex.get("input") == "box":
        box = widget.locator("input[type=number]")
        box.click()
        box.fill(bh.fmt_number(value))
        return value
    # A click on the slider's track moves the handle there: aim at the value's position.
    track = widget.locator(".noUi-target, .slider").first
    readout = widget.locator(".widget-readout")
    lo, hi = float(ex["min"]), float(ex["max"])
    box = track.bounding_box()
    x = box["x"] + (value - lo) / (hi - lo) * box["width"]
    shown = None
    for nudge in (0, -1, 1, -2, 2, -3, 3):
        track.page.mouse.click(
            min(max(x + nudge, box["x"]), box["x"] + box["width"] - 0.5),
            box["y"] + box["height"] / 2,
        )
        lab.page.wait_for_timeout(50)  # the readout follows the handle on the next frame
        shown = float(readout.inner_text().replace(",", ""))
        if abs(shown - value) <= float(ex.get("step", 1)) / 2 + 1e-9:
            break
    return shown


def drive_numeric(lab, widget, ex, screenshots):
    feedback = widget.locator(".selfcheck-feedback")
    answer = float(ex["answer"])
    lo, hi = float(ex["min"]), float(ex["max"])
    far = lo if abs(answer - lo) > abs(answer - hi) else hi
    real = bh.plain(bh.real_figure(ex))

    guess = _set_numeric(lab, widget, ex, far)
    assert abs(guess - answer) > bh.tolerance_width(ex), f"{ex['id']}: no wrong value to try"
    click_check(widget)
    expect(feedback).not_to_contain_text(t("correct"))
    expect(feedback).to_contain_text(real)

    guess = _set_numeric(lab, widget, ex, answer)
    assert abs(guess - answer) <= bh.tolerance_width(ex), f"slider landed on {guess}"
    click_check(widget)
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(real)


def drive_matching(lab, widget, ex, screenshots):
    feedback = widget.locator(".selfcheck-feedback")
    labels = {c["id"]: c["label"] for c in ex["categories"]}
    shown = [" ".join(s.split()) for s in widget.locator(".selfcheck-item").all_text_contents()]
    items = []
    for n, text in enumerate(shown, start=1):
        item = [i for i in ex["items"] if text == f"{n}. {bh.plain(i['text'])}"]
        assert item, f"{ex['id']}: item {text!r} is not in the bank"
        items.append(item[0])
    pickers = widget.locator(bh.PICKER)
    assert pickers.count() == len(items) == len(ex["items"])

    def choose(n, category):
        bh.picker_choice(pickers.nth(n), labels[category]).click()
        bh.expect_chosen(pickers.nth(n), labels[category])

    for n, item in enumerate(items):
        choose(n, next(c for c in labels if c != item["answer"]))
    click_check(widget)
    expect(feedback).to_contain_text(t("incorrect"))
    expect(feedback).to_contain_text(t("matching_score", right=0, total=len(items)))

    for n, item in enumerate(items):
        choose(n, item["answer"])
    click_check(widget)
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(t("matching_score", right=len(items), total=len(items)))
    for item in items:
        expect(feedback).to_contain_text(
            t("item_right", item=bh.plain(item["text"]), category=labels[item["answer"]])
        )


def drive_reflection(lab, widget, ex, screenshots):
    feedback = widget.locator(".selfcheck-feedback")
    box = widget.get_by_role("textbox")
    typed = "Something I <b>noticed</b>"
    box.click()
    box.fill(typed)
    widget.get_by_role("button", name=t("done_button"), exact=True).click()
    expect(feedback).to_contain_text(t("done"))
    expect(feedback).to_contain_text(t("reflection_done"))
    if ex.get("consider"):
        expect(feedback).to_contain_text(bh.plain(ex["consider"]))
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
