"""Every layer knows every question type: the checklist in CONTRIBUTING.md, enforced.

Each layer dispatches on the question's class through one table. Adding a class to
``model.QUESTION_CLASSES`` and forgetting a table fails here, naming the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import selfcheck
from selfcheck import controls, grading, loading, preview, schema
from selfcheck.model import QUESTION_CLASSES
from selfcheck.text import TEXT

EXAMPLE = Path(__file__).parent / "fixtures" / "example.yaml"

CLASSES = set(QUESTION_CLASSES.values())

# One table per layer, keyed by question class: (module, table name).
TABLES = {
    "building from YAML": (loading, "_BUILDERS"),
    "grading": (grading, "_GRADERS"),
    "revealing": (grading, "_REVEALS"),
    "a right response": (grading, "_RIGHT"),
    "a wrong response": (grading, "_WRONG"),
    "previewing": (preview, "_LINES"),
    "the widget control": (controls, "CONTROLS"),
}


@pytest.mark.parametrize("layer", TABLES)
def test_every_table_covers_every_question_class(layer):
    module, name = TABLES[layer]
    table = getattr(module, name)
    missing = sorted(c.__name__ for c in CLASSES - set(table))
    extra = sorted(getattr(c, "__name__", str(c)) for c in set(table) - CLASSES)
    assert not missing and not extra, (
        f"{layer} ({module.__name__}.{name}): missing {missing}, unknown {extra}"
    )


def test_the_schema_and_the_words_know_every_type():
    assert set(schema.QUESTION_TYPES) == set(schema.DEFS) == set(QUESTION_CLASSES)
    for kind, cls in QUESTION_CLASSES.items():
        assert cls.type == kind
        assert f"preview_type_{kind}" in TEXT, f"text.py has no preview_type_{kind}"


def test_the_example_bank_shows_every_type(bank):
    assert {type(q) for q in bank} == CLASSES


def test_the_completeness_check_notices_a_missing_entry(monkeypatch):
    monkeypatch.delitem(grading._REVEALS, selfcheck.Matching)
    with pytest.raises(AssertionError, match=r"revealing .*missing \['Matching'\]"):
        test_every_table_covers_every_question_class("revealing")


@pytest.mark.parametrize("exercise_id", [q.id for q in selfcheck.load_bank(EXAMPLE)])
def test_right_and_wrong_responses_grade_as_promised_through_the_view(view, exercise_id):
    """The sample responses the tests and the bench use, given through the learner's widgets."""
    v = view(exercise_id)
    q = v.question
    wrong = grading.wrong_response(q)
    if wrong is not None:
        v.answer(wrong)
        assert v.last_feedback.graded and not v.last_feedback.correct
    v.answer(grading.right_response(q))
    expected = "correct" if q.gradable else "done"
    assert v.last_feedback.status == expected
    assert v.control.response() == (grading.right_response(q) if q.gradable else None)
