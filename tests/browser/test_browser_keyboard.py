"""Keyboard only: a single-choice and a matching exercise finished with the keyboard.

The learner's way through: Tab (Shift+Tab back) to each radio button (ipywidgets radios are
separate tab stops), Space to pick, Tab to "Check", Enter.

In JupyterLab the notebook is in command mode after Run All, where single keys are cell
shortcuts for any focused element that is not a text field. The module's JupyterLab settings
(lab-settings/why-cry-after-sex.json, which every pip install puts into JupyterLab's
overrides.d; the test server adds no settings of its own) keep those keys with a focused
exercise control; the last two tests prove that a stray letter or arrow key on
a control leaves the notebook alone.
"""

from __future__ import annotations

import browser_harness as bh
import pytest
from playwright.sync_api import expect
from selfcheck.text import t

SHOWN = bh.shown_exercises()
_MOUSE_NOTEBOOKS = {
    ex["notebook"]
    for ex in bh.pick_notebook_for_types(
        ("single", "multi", "truefalse", "numeric", "matching", "reflection"), SHOWN
    ).values()
}


def _keyboard_notebook() -> str | None:
    """The last notebook showing both a single-choice and a matching exercise, preferably not
    one the mouse tests click in (then its run after the per-notebook checks is reused)."""
    both = sorted(
        {ex["notebook"] for ex in SHOWN if ex["type"] == "single"}
        & {ex["notebook"] for ex in SHOWN if ex["type"] == "matching"}
    )
    fresh = [nb for nb in both if nb not in _MOUSE_NOTEBOOKS]
    return (fresh or both or [None])[-1]


NOTEBOOK = _keyboard_notebook()


def first_of(kind: str) -> dict:
    return next(ex for ex in SHOWN if ex["notebook"] == NOTEBOOK and ex["type"] == kind)


@pytest.fixture
def keyboard_lab(lab):
    if NOTEBOOK is None:
        pytest.fail("no notebook shows both a single-choice and a matching exercise")
    lab.ready(NOTEBOOK, pristine=True)
    lab.pristine = False  # this test answers exercises
    return lab


def focused(page) -> dict:
    return page.evaluate(
        """(picker) => {
            const e = document.activeElement;
            const ex = e.closest('.selfcheck-exercise');
            return {tag: e.tagName, type: e.type || '',
                    label: (e.closest('label') || e).textContent.trim(),
                    picker: ex ? [...ex.querySelectorAll(picker)]
                                     .indexOf(e.closest(picker)) : -1,
                    inside: Boolean(ex && ex.hasAttribute('data-pcd-kbd'))};
        }""",
        bh.PICKER,
    )


def tab_to(page, wanted, what: str, limit: int = 25, key: str = "Tab") -> None:
    """Press Tab until the focused element is ``wanted``; fail if it never comes."""
    for _ in range(limit):
        if wanted(focused(page)):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {what}; focus: {focused(page)}")


def enter_exercise(widget) -> None:
    """Put the focus on the exercise's first control, as a Tab from the cell above does
    (Tab inside JupyterLab's code editors indents instead of moving on)."""
    widget.evaluate("(el) => el.setAttribute('data-pcd-kbd', '')")
    widget.locator("input, select, button, textarea").first.focus()


def press_check(page) -> None:
    tab_to(
        page,
        lambda f: f["inside"] and f["tag"] == "BUTTON" and f["label"] == t("check"),
        "the Check button",
    )
    page.keyboard.press("Enter")


def test_single_choice_with_the_keyboard(keyboard_lab, screenshots):
    lab, page = keyboard_lab, keyboard_lab.page
    ex = first_of("single")
    widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    feedback = widget.locator(".selfcheck-feedback")
    right = bh.plain(next(o for o in ex["options"] if o["id"] == ex["answer"])["text"])
    wrong = bh.plain(next(o for o in ex["options"] if o["id"] != ex["answer"])["text"])
    enter_exercise(widget)

    for pick, verdict, detail in (
        (wrong, t("incorrect"), t("picked_wrong", option=wrong)),
        (right, t("correct"), t("picked_right", option=right)),
    ):
        # Back to the first radio button with Shift+Tab, then forward to the one to pick.
        tab_to(
            page,
            lambda f, pick=pick: f["inside"] and f["type"] == "radio" and f["label"] == pick,
            f"the radio button {pick!r}",
            key="Shift+Tab" if pick == right else "Tab",
        )
        page.keyboard.press("Space")
        expect(widget.get_by_role("radio", name=pick, exact=True)).to_be_checked()
        press_check(page)
        expect(feedback).to_contain_text(verdict)
        expect(feedback).to_contain_text(detail)
    widget.screenshot(path=str(screenshots / "keyboard-single-right.png"))


def test_matching_with_the_keyboard(keyboard_lab):
    lab, page = keyboard_lab, keyboard_lab.page
    ex = first_of("matching")
    widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    feedback = widget.locator(".selfcheck-feedback")
    labels = {c["id"]: c["label"] for c in ex["categories"]}
    shown = [" ".join(s.split()) for s in widget.locator(".selfcheck-item").all_text_contents()]
    items = [
        next(i for i in ex["items"] if text == f"{n}. {bh.plain(i['text'])}")
        for n, text in enumerate(shown, start=1)
    ]
    pickers = widget.locator(bh.PICKER)
    enter_exercise(widget)

    for n, item in enumerate(items):
        label = labels[item["answer"]]
        tab_to(
            page,
            lambda f, n=n, label=label: f["inside"] and f["picker"] == n and f["label"] == label,
            f"{label!r} for item {n + 1}",
        )
        page.keyboard.press("Space")
        bh.expect_chosen(pickers.nth(n), label)

    press_check(page)
    expect(feedback).to_contain_text(t("correct"))
    expect(feedback).to_contain_text(t("matching_score", right=len(items), total=len(items)))


@pytest.mark.parametrize("keys", [["m"], ["d", "d"], ["x"]], ids=["to-markdown", "delete", "cut"])
def test_letter_keys_on_a_focused_control_keep_the_exercise(lab, keys):
    """Cell shortcuts pressed on a focused exercise control must not change the notebook."""
    ex = first_of("matching")
    lab.ran(NOTEBOOK, pristine=False)
    widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex))
    widget.first.locator("input, button").first.focus()
    cells = lab.page.locator(".jp-Notebook .jp-Cell").count()
    lab.current = None  # if the notebook changes after all, the next test reopens it
    for key in keys:
        lab.page.keyboard.press(key)
    lab.page.wait_for_timeout(300)  # a shortcut acts at once; give it the chance to misfire
    expect(widget).to_have_count(1)
    expect(lab.page.locator(".jp-Notebook .jp-Cell")).to_have_count(cells)
    lab.current = NOTEBOOK


def test_arrow_keys_on_a_focused_control_stay_in_the_exercise(lab):
    ex = first_of("single")
    lab.ran(NOTEBOOK, pristine=False)
    widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    enter_exercise(widget)
    active = lab.page.locator(".jp-Notebook .jp-Cell.jp-mod-active")
    before = active.get_attribute("data-windowed-list-index") or active.inner_text()[:80]
    for key in ("ArrowDown", "ArrowUp", "ArrowDown"):
        lab.page.keyboard.press(key)
        assert focused(lab.page)["inside"], f"{key} took the focus out of the exercise"
    after = active.get_attribute("data-windowed-list-index") or active.inner_text()[:80]
    assert after == before, "an arrow key moved the notebook to another cell"
