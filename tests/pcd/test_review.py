"""The adaptive review (notebook 09): which exercises come back, in what order, and the widget."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from pcd.review import (
    REVIEW_BANK,
    ROUND_SIZE,
    STARTER,
    TEXT,
    UNTRIED,
    WRONG,
    Item,
    load_banks,
    review,
    select,
    starter_set,
)
from selfcheck import ProgressStore

# Three small notebooks' banks plus the review's own bank, which must never be reviewed.
BANKS = {
    "00-intro": """
bank: 00-intro
title: Intro
exercises:
  - id: warm
    type: single
    prompt: Pick a
    options:
      - {id: a, text: A, explanation: right}
      - {id: b, text: B, explanation: wrong}
    answer: a
  - id: feel
    type: reflection
    prompt: How do you feel?
  - id: tf
    type: truefalse
    statement: Sky is blue.
    answer: true
    explanation: It is.
""",
    "01-facts": """
bank: 01-facts
title: Facts
exercises:
  - id: think
    type: reflection
    prompt: Think.
  - id: single-again
    type: single
    prompt: Pick b
    options:
      - {id: a, text: A, explanation: wrong}
      - {id: b, text: B, explanation: right}
    answer: b
  - id: guess
    type: numeric
    prompt: Guess 10
    min: 0
    max: 20
    answer: 10
    tolerance: {absolute: 1}
    source: bird2011
    explanation: Ten.
""",
    "02-more": """
bank: 02-more
title: More
exercises:
  - id: many
    type: multi
    prompt: Pick a and b
    options:
      - {id: a, text: A, explanation: this one}
      - {id: b, text: B, explanation: this too}
      - {id: c, text: C, explanation: not this}
    answer: [a, b]
  - id: sort
    type: matching
    prompt: Sort
    categories:
      - {id: x, label: X}
      - {id: y, label: Y}
    items:
      - {id: i1, text: one, answer: x, explanation: x}
      - {id: i2, text: two, answer: y, explanation: y}
""",
    REVIEW_BANK: """
bank: 09-review
title: Review
exercises:
  - id: final
    type: truefalse
    statement: Final.
    answer: true
    explanation: Yes.
""",
}

ALL_REVIEWABLE = [
    ("00-intro", "warm"),
    ("00-intro", "tf"),
    ("01-facts", "single-again"),
    ("01-facts", "guess"),
    ("02-more", "many"),
    ("02-more", "sort"),
]


@pytest.fixture
def banks_dir(tmp_path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for name, text in BANKS.items():
        (folder / f"{name}.yaml").write_text(text.lstrip(), encoding="utf-8")
    return folder


@pytest.fixture
def progress_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    monkeypatch.setenv("SELFCHECK_PROGRESS_DIR", str(folder))
    monkeypatch.delenv("SELFCHECK_NO_SAVE", raising=False)
    return folder


def entry(result: str, last_wrong: str | None = None, attempts: int = 1) -> dict:
    return {
        "attempts": attempts,
        "first_try_correct": result == "correct" and last_wrong is None,
        "last_result": result,
        "updated": "2025-03-01T10:00:00+00:00",
        "last_wrong": last_wrong,
    }


def write_progress(folder: Path, exercises: dict[str, dict]) -> None:
    data = {"version": 1, "exercises": exercises}
    (folder / "progress.json").write_text(json.dumps(data), encoding="utf-8")


def pairs(items) -> list[tuple[str, str]]:
    return [(i.bank, i.exercise_id) for i in items]


# --------------------------------------------------------------------------- selection (pure)


def test_loading_skips_the_review_bank(banks_dir):
    assert [b.name for b in load_banks(banks_dir)] == ["00-intro", "01-facts", "02-more"]


def test_no_progress_gives_a_fixed_mixed_set_one_per_notebook(banks_dir):
    banks = load_banks(banks_dir)
    selection = select(banks, {})
    assert selection.starter
    # one per bank, no reflections, the types mixed: 01's first graded exercise is a single
    # choice like 00's, so the numeric one is taken instead
    assert pairs(selection.items) == [
        ("00-intro", "warm"),
        ("01-facts", "guess"),
        ("02-more", "many"),
    ]
    assert all(i.reason == STARTER for i in selection.items)
    assert select(load_banks(banks_dir), {}) == selection  # deterministic


def test_starter_set_reuses_types_once_all_are_used(banks_dir):
    banks = load_banks(banks_dir)
    items = starter_set([banks[0], banks[0], banks[0]])
    # single, then true/false, then every type of that bank is used: start again with single
    assert pairs(items) == [("00-intro", "warm"), ("00-intro", "tf"), ("00-intro", "warm")]


def test_wrong_answers_come_first_oldest_mistake_first_then_untried(banks_dir, progress_dir):
    write_progress(
        progress_dir,
        {
            "02-more/many": entry("incorrect", "2025-03-03T09:00:00+00:00"),
            "00-intro/tf": entry("incorrect", "2025-03-01T09:00:00+00:00"),
            "01-facts/guess": entry("incorrect", "2025-03-02T09:00:00+00:00", attempts=4),
            # wrong once, right since: not reviewed
            "00-intro/warm": entry("correct", "2025-02-01T09:00:00+00:00", attempts=2),
        },
    )
    selection = select(load_banks(banks_dir), ProgressStore().entries())
    assert not selection.starter
    assert selection.items == (
        Item("00-intro", "tf", WRONG),
        Item("01-facts", "guess", WRONG),
        Item("02-more", "many", WRONG),
        Item("01-facts", "single-again", UNTRIED),
        Item("02-more", "sort", UNTRIED),
    )


def test_equal_mistake_times_keep_notebook_order(banks_dir):
    same = "2025-03-01T09:00:00+00:00"
    entries = {"02-more/sort": entry("incorrect", same), "00-intro/warm": entry("incorrect", same)}
    for key in ("00-intro/tf", "01-facts/single-again", "01-facts/guess", "02-more/many"):
        entries[key] = entry("correct")
    assert pairs(select(load_banks(banks_dir), entries).items) == [
        ("00-intro", "warm"),
        ("02-more", "sort"),
    ]


def test_untried_only(banks_dir, progress_dir):
    write_progress(
        progress_dir, {"00-intro/warm": entry("correct"), "02-more/sort": entry("correct")}
    )
    selection = select(load_banks(banks_dir), ProgressStore().entries())
    assert pairs(selection.items) == [
        ("00-intro", "tf"),
        ("01-facts", "single-again"),
        ("01-facts", "guess"),
        ("02-more", "many"),
    ]
    assert {i.reason for i in selection.items} == {UNTRIED}


def test_all_right_leaves_nothing_to_review(banks_dir, progress_dir):
    write_progress(progress_dir, {f"{b}/{e}": entry("correct") for b, e in ALL_REVIEWABLE})
    selection = select(load_banks(banks_dir), ProgressStore().entries())
    assert selection.items == () and not selection.starter


def test_progress_only_on_reflections_unknown_or_review_exercises_counts_as_none(banks_dir):
    entries = {
        f"{REVIEW_BANK}/final": entry("incorrect", "2025-01-01T00:00:00+00:00"),
        "00-intro/feel": entry("correct"),  # a reflection is never graded, but be safe
        "99-gone/old": entry("incorrect", "2025-01-01T00:00:00+00:00"),
    }
    selection = select(load_banks(banks_dir), entries)
    assert selection.starter
    assert len(selection.items) == 3


# --------------------------------------------------------------------------- the widget


def test_review_flow_records_under_the_original_bank(banks_dir, progress_dir):
    r = review(banks_dir)
    assert TEXT["intro_starter"].format(n=3) in r.intro.value
    assert r.button.description == "Start review" and r.slot.children == ()

    r.button.click()
    assert "Exercise 1 of 3" in r.heading.value and "from 00 Intro" in r.heading.value
    assert r.slot.children == (r.view.widget,)
    assert r.view.question.id == "warm" and r.view.bank_name == "00-intro"
    r.view.answer("b")
    assert "✘ Not quite" in r.view.feedback.value
    assert r.button.description == "Next"

    r.button.click()
    assert "Exercise 2 of 3" in r.heading.value and r.view.question.id == "guess"
    r.view.answer(10)
    assert "✔ Correct" in r.view.feedback.value

    r.button.click()
    assert r.view.question.id == "many"
    r.button.click()
    assert "end of this review" in r.heading.value and r.slot.children == ()
    assert r.button.description == "Review again"

    data = json.loads((progress_dir / "progress.json").read_text(encoding="utf-8"))
    assert set(data["exercises"]) == {"00-intro/warm", "01-facts/guess"}
    assert data["exercises"]["00-intro/warm"]["last_result"] == "incorrect"

    # a new round starts from the latest answers: the mistake first, then the untried ones
    r.button.click()
    assert "1 to try again and 4 not tried yet" in r.intro.value
    assert r.button.description == "Start review"
    r.button.click()
    assert (r.view.bank_name, r.view.question.id) == ("00-intro", "warm")
    assert "you got this one wrong before" in r.heading.value


def test_nothing_to_review_hides_the_button(banks_dir, progress_dir):
    write_progress(progress_dir, {f"{b}/{e}": entry("correct") for b, e in ALL_REVIEWABLE})
    r = review(banks_dir)
    assert "nothing left" in r.intro.value
    assert r.button.layout.display == "none"


def test_corrupt_progress_file_is_set_aside_and_the_review_still_works(banks_dir, progress_dir):
    (progress_dir / "progress.json").write_bytes(b"{not json\xff")
    r = review(banks_dir)
    assert r.selection.starter  # an unreadable file counts as no progress
    r.button.click()
    r.view.answer("a")
    assert "✔ Correct" in r.view.feedback.value
    # the engine moved the bad file aside, told the learner, and started a fresh file
    assert "could not be read" in r.view.feedback.value
    backups = list(progress_dir.glob("progress.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"{not json\xff"
    data = json.loads((progress_dir / "progress.json").read_text(encoding="utf-8"))
    assert data["exercises"]["00-intro/warm"]["last_result"] == "correct"


def test_a_round_is_capped(banks_dir, progress_dir):
    many = "\n".join(
        f"""  - id: q{n}
    type: truefalse
    statement: Statement {n}.
    answer: true
    explanation: Yes."""
        for n in range(ROUND_SIZE + 5)
    )
    (banks_dir / "03-big.yaml").write_text(f"bank: 03-big\ntitle: Big\nexercises:\n{many}\n")
    write_progress(progress_dir, {"00-intro/warm": entry("incorrect", "2025-01-01T00:00:00+00:00")})
    r = review(banks_dir)
    assert len(r.selection.items) == 1 + 5 + ROUND_SIZE + 5
    assert len(r.queue) == ROUND_SIZE
    assert f"This round shows {ROUND_SIZE} of them." in r.intro.value
    assert r.queue[0] == Item("00-intro", "warm", WRONG)


def test_static_preview_lists_the_set(banks_dir, progress_dir):
    bundle = review(banks_dir)._repr_mimebundle_()
    text = bundle["text/plain"]
    assert "1. 00 Intro (choose one): Pick a" in text
    assert "2. 01 Facts (estimate): Guess 10" in text
    assert "3. 02 More (select all that apply): Pick a and b" in text
    assert "Run All Cells" in text
    assert "<ol>" in bundle["text/html"] and "Pick a and b" in bundle["text/html"]


def test_the_real_banks_give_one_starter_exercise_per_notebook(progress_dir):
    banks = load_banks()
    names = [b.name for b in banks]
    assert REVIEW_BANK not in names and "08-coping-and-help" in names
    selection = select(banks, {})
    assert [i.bank for i in selection.items] == names
    for item in selection.items:
        bank = next(b for b in banks if b.name == item.bank)
        assert bank[item.exercise_id].gradable


@pytest.mark.parametrize("how", ["no bank files", "every bank broken"])
def test_a_review_with_no_loadable_banks_says_so(tmp_path, progress_dir, how):
    folder = tmp_path / "empty"
    folder.mkdir()
    if how == "every bank broken":
        for name, text in BANKS.items():
            (folder / f"{name}.yaml").write_text(text.replace("title:", "titel:"), "utf-8")
    r = review(folder)
    assert TEXT["no_banks"] in html.unescape(r.intro.value)
    assert "Well done" not in r.intro.value
    assert r.button.layout.display == "none"
    bundle = r._repr_mimebundle_()
    assert TEXT["no_banks"] in bundle["text/plain"] and "Well done" not in bundle["text/plain"]


def test_a_failing_view_costs_one_exercise_not_the_review(banks_dir, progress_dir, monkeypatch):
    import selfcheck

    real = selfcheck.ExerciseView

    def flaky(question, **kwargs):
        if question.id == "warm":
            raise RuntimeError("boom")
        return real(question, **kwargs)

    monkeypatch.setattr(selfcheck, "ExerciseView", flaky)
    r = review(banks_dir)
    r.button.click()  # must not raise inside the button callback
    assert r.view is None and "Exercise 1 of 3" in r.heading.value
    (message,) = r.slot.children
    assert "could not be shown" in message.value and "RuntimeError: boom" in message.value
    r.button.click()
    assert r.view.question.id == "guess" and r.slot.children == (r.view.widget,)
