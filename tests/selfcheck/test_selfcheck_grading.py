"""check(question, response) -> Feedback, without any widget."""

from __future__ import annotations

import subprocess
import sys

import pytest
from selfcheck import check, reveal
from selfcheck.text import format_value


def test_grading_never_imports_ipywidgets():
    code = "import sys, selfcheck.grading, selfcheck.model; print('ipywidgets' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "False\n"


def test_single(bank):
    q = bank["pick-one"]
    assert check(q, "a").status == "correct" and check(q, "a").headline == "✔ Correct"
    wrong = check(q, "c")
    assert wrong.status == "incorrect" and wrong.headline == "✘ Not quite"
    assert wrong.as_text().splitlines()[1] == "✘ “Red”: not right. Only at sunset."
    assert "Blue" not in wrong.as_text()
    assert "The answer: “Blue”." in check(q, "c", reveal=True).as_text()
    assert check(q, None).status == "unanswered"
    with pytest.raises(ValueError):
        check(q, "zzz")


def test_multi_judges_only_picked_until_revealed(bank):
    q = bank["pick-many"]
    assert check(q, {"a", "b"}).status == "correct"
    partial = check(q, {"a", "c"})
    assert partial.status == "partial" and partial.headline == "◑ Partly right"
    assert [d.verdict for d in partial.details] == ["right", "wrong", "info"]
    assert check(q, {"c", "d"}).status == "incorrect"
    revealed = check(q, {"a"}, reveal=True)
    assert [d.verdict for d in revealed.details] == ["right", "missed", "right", "right"]
    assert check(q, set()).status == "unanswered"


def test_truefalse(bank):
    q = bank["myth-or-fact"]
    assert check(q, False).correct and not check(q, True).correct
    assert check(q, True).details[0].text == "This is a myth."
    assert check(q, True).cite == ("ref2020",)


@pytest.mark.parametrize(
    "guess, status, line",
    [
        (71, "correct", "Your guess of 71% is exactly right."),
        (
            76,
            "correct",
            "Your guess of 76% is within 5 percentage points of the real figure, a little high.",
        ),
        (
            66.0,
            "correct",
            "Your guess of 66% is within 5 percentage points of the real figure, a little low.",
        ),
        (62, "partial", "Your guess of 62% is close, but a little too low."),
        (82, "incorrect", "Your guess of 82% is too high."),
        (0, "incorrect", "Your guess of 0% is too low."),
    ],
)
def test_numeric_always_states_the_real_figure_and_source(bank, guess, status, line):
    fb = check(bank["guess-percent"], guess)
    assert fb.status == status
    assert [d.text for d in fb.details] == [line, "The real figure: 71% (95% interval 70% to 72%)."]
    assert fb.cite == ("ref2021",) and fb.explanation == "Most of it is ocean."


def test_numeric_relative_tolerance(bank):
    q = bank["guess-box"]  # 366 ± 1%
    assert check(q, 369.6).correct and not check(q, 370).correct
    assert "within 1% of the real figure" in check(q, 363).as_text()
    assert check(q, "not a number").status == "unanswered"


def test_matching(bank):
    q = bank["sort-things"]
    assert check(q, {"whale": "sea", "cow": "land", "crab": "sea"}).correct
    fb = check(q, {"whale": "sea", "cow": "sea"})
    assert fb.status == "partial" and fb.details[0].text == "1 of 3 right."
    # Every answered item right but one left out: missing items count, so not yet correct.
    fb = check(q, {"whale": "sea", "cow": "land"})
    assert fb.status == "partial" and fb.details[0].text == "2 of 3 right."
    assert check(q, {"whale": "land"}).status == "incorrect"
    assert check(q, {}).status == "unanswered"


def test_reflection_never_echoes_the_response(bank):
    fb = check(bank["think-about-it"], "my secret words")
    assert fb.status == "done" and fb.headline == "✔ Done"
    assert "my secret words" not in repr(fb)


def test_reveal_every_type(bank):
    for q in bank:
        fb = reveal(q)
        assert fb.status in ("revealed", "done")
    assert "“Cow” → The land." in reveal(bank["sort-things"]).as_text()
    assert "The real figure: 366." in reveal(bank["guess-box"]).as_text()


def test_format_value():
    assert format_value(1208) == "1,208"
    assert format_value(39.6, "%") == "39.6%"
    assert format_value(2.5, "hours") == "2.5 hours"
