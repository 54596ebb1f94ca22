"""Question types as frozen dataclasses, and the ``Bank`` that holds them.

Building them from YAML is ``loading``'s job; the wording of bank errors is ``bank_errors``'.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal


class BankError(ValueError):
    """An exercise bank is invalid; the message says where and what was expected."""


class UnknownExercise(BankError, KeyError):
    """A bank has no exercise with the id asked for (a ``KeyError``, like a dict lookup)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


ToleranceKind = Literal["absolute", "relative"]
TrueFalseStyle = Literal["true-false", "myth-fact"]
NumericInput = Literal["box", "slider"]


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, kw_only=True)
class Option:
    id: str
    text: str
    explanation: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True, kw_only=True)
class MatchItem:
    id: str
    text: str
    answer: str
    explanation: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Tolerance:
    kind: ToleranceKind
    value: float

    def width(self, answer: float) -> float:
        """The largest distance from ``answer`` that still counts as right."""
        return self.value if self.kind == "absolute" else abs(answer) * self.value


@dataclass(frozen=True, kw_only=True)
class Question:
    type: ClassVar[str] = ""
    # The field whose entries the learner sees in a seeded shuffled order ("" for none).
    shuffled: ClassVar[str] = ""
    id: str
    prompt: str = ""
    hint: str = ""
    cite: tuple[str, ...] = ()

    @property
    def gradable(self) -> bool:
        return True


@dataclass(frozen=True, kw_only=True)
class SingleChoice(Question):
    type: ClassVar[str] = "single"
    shuffled: ClassVar[str] = "options"
    options: tuple[Option, ...]
    answer: str


@dataclass(frozen=True, kw_only=True)
class MultiChoice(Question):
    type: ClassVar[str] = "multi"
    shuffled: ClassVar[str] = "options"
    options: tuple[Option, ...]
    answer: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    type: ClassVar[str] = "truefalse"
    statement: str
    answer: bool
    style: TrueFalseStyle = "true-false"
    explanation: str = ""


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    type: ClassVar[str] = "numeric"
    min: float
    max: float
    answer: float
    tolerance: Tolerance
    source: str
    input: NumericInput = "box"  # the slider handle has no accessible name (see README)
    step: float = 1
    unit: str = ""
    interval: tuple[float, float] | None = None
    explanation: str = ""


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    type: ClassVar[str] = "matching"
    shuffled: ClassVar[str] = "items"
    categories: tuple[Category, ...]
    items: tuple[MatchItem, ...]


@dataclass(frozen=True, kw_only=True)
class Reflection(Question):
    type: ClassVar[str] = "reflection"
    placeholder: str = ""
    consider: str = ""

    @property
    def gradable(self) -> bool:
        return False


QUESTION_CLASSES = {
    cls.type: cls for cls in (SingleChoice, MultiChoice, TrueFalse, Numeric, Matching, Reflection)
}


@dataclass(frozen=True)
class Bank:
    name: str
    title: str
    exercises: tuple[Question, ...]
    reveal_after: int = 2
    path: str = ""

    def __getitem__(self, exercise_id: str) -> Question:
        for question in self.exercises:
            if question.id == exercise_id:
                return question
        from .bank_errors import suggest

        known = ", ".join(q.id for q in self.exercises)
        raise UnknownExercise(
            f"{Path(self.path).name or self.name}: no exercise '{exercise_id}'; "
            f"the bank has: {known}{suggest(exercise_id, self.ids)}"
        )

    def __contains__(self, exercise_id: object) -> bool:
        return any(q.id == exercise_id for q in self.exercises)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.exercises)

    def cite_keys(self) -> tuple[str, ...]:
        """Every bibliography key the bank cites, in order of first use."""
        return tuple(dict.fromkeys(key for q in self.exercises for _, key in _citations(q)))


def _citations(question: Question) -> Iterator[tuple[str, str]]:
    """(field, key) for every citation key in ``question``."""
    for key in question.cite:
        yield "cite", key
    for option in getattr(question, "options", ()):
        for key in option.cite:
            yield f"options[{option.id}].cite", key
    for item in getattr(question, "items", ()):
        for key in item.cite:
            yield f"items[{item.id}].cite", key
    if isinstance(question, Numeric):
        yield "source", question.source
