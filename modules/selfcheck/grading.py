"""Grading: ``check(question, response) -> Feedback``. Pure Python; never imports ipywidgets.

Feedback holds plain text (bank text is Markdown-light); the widgets turn it into HTML.
The learner's own free text never enters a Feedback.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Literal

from .model import Matching, MultiChoice, Numeric, Question, Reflection, SingleChoice, TrueFalse
from .text import format_value, t

Status = Literal["correct", "partial", "incorrect", "done", "unanswered", "revealed"]
Verdict = Literal["right", "wrong", "missed", "info"]
GRADED: tuple[Status, ...] = ("correct", "partial", "incorrect")


@dataclass(frozen=True)
class Detail:
    """One line of feedback: a judged choice or item, or a plain remark (verdict "info")."""

    verdict: Verdict
    text: str
    explanation: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feedback:
    """What the learner is told after a check.

    ``status``: "correct", "partial", "incorrect" (graded), "done" (reflection),
    "unanswered" (nothing chosen yet; not graded) or "revealed" (the answer was shown).
    """

    status: Status
    headline: str
    details: tuple[Detail, ...] = ()
    explanation: str = ""
    cite: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def graded(self) -> bool:
        return self.status in GRADED

    def as_text(self) -> str:
        """The feedback as plain text (citation keys, not links), for logs and tests."""
        lines = [self.headline]
        for detail in self.details:
            lines.append(detail.text + (f" {detail.explanation}" if detail.explanation else ""))
        if self.explanation:
            lines.append(self.explanation)
        if self.cite:
            lines.append(f"{t('sources')} {', '.join(self.cite)}")
        return "\n".join(lines)


def check(question: Question, response, *, reveal: bool = False) -> Feedback:
    """Judge ``response`` to ``question``; ``reveal=True`` also explains what was not chosen."""
    grader = _GRADERS.get(type(question))
    if grader is None:
        raise TypeError(f"not a selfcheck question: {question!r}")
    return grader(question, response, reveal)


def reveal(question: Question, response=None) -> Feedback:
    """The right answer with every explanation (the "Show answer" button).

    For a question with several parts (multi, matching), a ``response`` already given is
    judged too, so the learner sees which of their own choices were right.
    """
    revealer = _REVEALS.get(type(question))
    if revealer is None:
        raise TypeError(f"not a selfcheck question: {question!r}")
    return revealer(question, response)


def right_response(question: Question):
    """A response that ``check`` grades as correct (tests, the bench and demos use it)."""
    return _RIGHT[type(question)](question)


def wrong_response(question: Question):
    """A response that ``check`` grades as not correct; None when every response is right."""
    return _WRONG[type(question)](question)


# --------------------------------------------------------------------------- per type


def _is_answer(question, option_id) -> bool:
    if isinstance(question, SingleChoice):
        return option_id == question.answer
    return option_id in question.answer


def _quoted(options) -> str:
    return ", ".join(f"“{o.text}”" for o in options)


def _single(q: SingleChoice, response, reveal: bool) -> Feedback:
    if response is None or response == "":
        return Feedback("unanswered", t("unanswered"), (Detail("info", t("unanswered_single")),))
    option = _option(q, response)
    if option.id == q.answer:
        detail = Detail(
            "right", t("picked_right", option=option.text), option.explanation, option.cite
        )
        return Feedback("correct", t("correct"), (detail,), cite=q.cite)
    details = [
        Detail("wrong", t("picked_wrong", option=option.text), option.explanation, option.cite)
    ]
    if reveal:
        right = _option(q, q.answer)
        details.append(
            Detail("right", t("answer_is", answer=f"“{right.text}”"), right.explanation, right.cite)
        )
    else:
        details.append(Detail("info", t("try_again_hint" if q.hint else "try_again")))
    return Feedback("incorrect", t("incorrect"), tuple(details), cite=q.cite)


def _multi(q: MultiChoice, response, reveal: bool) -> Feedback:
    picked = {_option(q, r).id for r in (response or ())}
    if not picked:
        return Feedback("unanswered", t("unanswered"), (Detail("info", t("unanswered_multi")),))
    details = []
    for o in q.options:
        if o.id in picked:
            if o.id in q.answer:
                details.append(
                    Detail("right", t("picked_right", option=o.text), o.explanation, o.cite)
                )
            else:
                details.append(
                    Detail("wrong", t("picked_wrong", option=o.text), o.explanation, o.cite)
                )
        elif reveal:  # unpicked choices are judged only once the answer is revealed
            if o.id in q.answer:
                details.append(Detail("missed", t("missed", option=o.text), o.explanation, o.cite))
            else:
                details.append(Detail("right", t("left_out", option=o.text), o.explanation, o.cite))
    right, wrong, missed = picked & q.answer, picked - q.answer, q.answer - picked
    if not wrong and not missed:
        status = "correct"
    else:
        status = "partial" if right else "incorrect"
        if missed and not reveal:
            details.append(Detail("info", t("more_to_find")))
    return Feedback(status, t(status), tuple(details), cite=q.cite)


def _truth(q: TrueFalse) -> str:
    if q.style == "myth-fact":
        return t("statement_fact" if q.answer else "statement_myth")
    return t("statement_true" if q.answer else "statement_false")


def _truefalse(q: TrueFalse, response, reveal: bool) -> Feedback:
    if response is None:
        return Feedback("unanswered", t("unanswered"))
    status = "correct" if bool(response) == q.answer else "incorrect"
    return Feedback(status, t(status), (Detail("info", _truth(q)),), q.explanation, q.cite)


def _real_figure(q: Numeric) -> str:
    answer = format_value(q.answer, q.unit)
    if q.interval:
        low, high = (format_value(v, q.unit) for v in q.interval)
        return t("numeric_real_interval", answer=answer, low=low, high=high)
    return t("numeric_real", answer=answer)


def _numeric_cite(q: Numeric) -> tuple[str, ...]:
    return tuple(dict.fromkeys((q.source, *q.cite)))


def _numeric(q: Numeric, response, reveal: bool) -> Feedback:
    try:
        guess = float(response)
    except (TypeError, ValueError):
        return Feedback("unanswered", t("unanswered"), (Detail("info", t("unanswered_numeric")),))
    if math.isnan(guess):
        return Feedback("unanswered", t("unanswered"), (Detail("info", t("unanswered_numeric")),))
    width = q.tolerance.width(q.answer)
    distance = abs(guess - q.answer)
    high = guess > q.answer
    shown = format_value(guess, q.unit)
    if q.tolerance.kind == "absolute" and q.unit == "%":
        # "within 10%" would read as a relative margin; say what is meant.
        tolerance = t("tolerance_points", value=format_value(q.tolerance.value))
    elif q.tolerance.kind == "absolute":
        tolerance = format_value(q.tolerance.value, q.unit)
    else:
        tolerance = t("tolerance_relative", percent=format_value(q.tolerance.value * 100))
    slack = 1e-9 * max(1.0, abs(q.answer))  # float noise from sliders must not fail a hit
    if distance <= slack:
        status, line = "correct", t("numeric_exact", guess=shown)
    elif distance <= width + slack:
        key = "numeric_within_high" if high else "numeric_within_low"
        status, line = "correct", t(key, guess=shown, tolerance=tolerance)
    elif width > 0 and distance <= 2 * width + slack:
        status, line = (
            "partial",
            t("numeric_close_high" if high else "numeric_close_low", guess=shown),
        )
    else:
        status, line = "incorrect", t("numeric_high" if high else "numeric_low", guess=shown)
    headline = t("close") if status == "partial" else t(status)
    details = (Detail("info", line), Detail("info", _real_figure(q)))
    return Feedback(status, headline, details, q.explanation, _numeric_cite(q))


def _matching(q: Matching, response, reveal: bool) -> Feedback:
    response = response or {}
    labels = {c.id: c.label for c in q.categories}
    details, right, answered = [], 0, 0
    for item in q.items:
        chosen = response.get(item.id)
        if chosen in (None, ""):
            details.append(Detail("info", t("item_unanswered", item=item.text)))
        elif chosen == item.answer:
            answered += 1
            right += 1
            details.append(
                Detail(
                    "right",
                    t("item_right", item=item.text, category=labels[chosen]),
                    item.explanation,
                    item.cite,
                )
            )
            continue
        else:
            if chosen not in labels:
                raise ValueError(f"{q.id}: unknown category {chosen!r}")
            answered += 1
            details.append(
                Detail("wrong", t("item_wrong", item=item.text, category=labels[chosen]))
            )
        if reveal:
            details.append(
                Detail(
                    "info",
                    t("item_answer", item=item.text, category=labels[item.answer]),
                    item.explanation,
                    item.cite,
                )
            )
    if not answered:
        return Feedback("unanswered", t("unanswered"), (Detail("info", t("unanswered_matching")),))
    total = len(q.items)
    status = "correct" if right == total else "partial" if right else "incorrect"
    score = Detail("info", t("matching_score", right=right, total=total))
    return Feedback(status, t(status), (score, *details), cite=q.cite)


def _reflection(q: Reflection, response, reveal: bool) -> Feedback:
    # The response is deliberately ignored: reflections are private and never graded.
    details = [Detail("info", t("reflection_done"))]
    if q.consider:
        details.append(Detail("info", t("consider"), q.consider))
    return Feedback("done", t("done"), tuple(details), cite=q.cite)


def _option(q, option_id):
    for option in q.options:
        if option.id == option_id:
            return option
    raise ValueError(f"{q.id}: unknown option {option_id!r}")


# --------------------------------------------------------------------------- reveal per type


def _reveal_choice(q: SingleChoice | MultiChoice, response) -> Feedback:
    if isinstance(q, MultiChoice) and response:
        return _judged_reveal(q, response)
    right = [o for o in q.options if _is_answer(q, o.id)]
    details = tuple(Detail("right", f"✔ “{o.text}”", o.explanation, o.cite) for o in right) + tuple(
        Detail("wrong", f"✘ “{o.text}”", o.explanation, o.cite)
        for o in q.options
        if not _is_answer(q, o.id)
    )
    key = "answer_is" if isinstance(q, SingleChoice) else "answers_are"
    summary = Detail("info", t(key, answer=_quoted(right), answers=_quoted(right)))
    return Feedback("revealed", t("revealed"), (summary, *details), cite=q.cite)


def _judged_reveal(q, response) -> Feedback:
    fb = check(q, response, reveal=True)
    return dataclasses.replace(fb, status="revealed", headline=t("revealed"))


def _reveal_truefalse(q: TrueFalse, response) -> Feedback:
    return Feedback("revealed", t("revealed"), (Detail("info", _truth(q)),), q.explanation, q.cite)


def _reveal_numeric(q: Numeric, response) -> Feedback:
    return Feedback(
        "revealed",
        t("revealed"),
        (Detail("info", _real_figure(q)),),
        q.explanation,
        _numeric_cite(q),
    )


def _reveal_matching(q: Matching, response) -> Feedback:
    if response:
        return _judged_reveal(q, response)
    labels = {c.id: c.label for c in q.categories}
    details = tuple(
        Detail(
            "info", t("item_answer", item=i.text, category=labels[i.answer]), i.explanation, i.cite
        )
        for i in q.items
    )
    return Feedback("revealed", t("revealed"), details, cite=q.cite)


def _reveal_reflection(q: Reflection, response) -> Feedback:
    return _reflection(q, None, False)


# --------------------------------------------------------------------------- sample responses


def _wrong_numeric(q: Numeric):
    # The end of the range farthest from the answer; None if even that is within tolerance.
    far = q.min if abs(q.answer - q.min) > abs(q.answer - q.max) else q.max
    return far if abs(far - q.answer) > q.tolerance.width(q.answer) else None


def _wrong_matching(q: Matching):
    others = {i.id: [c.id for c in q.categories if c.id != i.answer] for i in q.items}
    return {iid: ids[0] for iid, ids in others.items() if ids} or None


_RIGHT = {
    SingleChoice: lambda q: q.answer,
    MultiChoice: lambda q: set(q.answer),
    TrueFalse: lambda q: q.answer,
    Numeric: lambda q: q.answer,
    Matching: lambda q: {i.id: i.answer for i in q.items},
    Reflection: lambda q: "",
}

_WRONG = {
    SingleChoice: lambda q: next((o.id for o in q.options if o.id != q.answer), None),
    MultiChoice: lambda q: {o.id for o in q.options if o.id not in q.answer} or None,
    TrueFalse: lambda q: not q.answer,
    Numeric: _wrong_numeric,
    Matching: _wrong_matching,
    Reflection: lambda q: None,  # never graded, so never wrong
}

_REVEALS = {
    SingleChoice: _reveal_choice,
    MultiChoice: _reveal_choice,
    TrueFalse: _reveal_truefalse,
    Numeric: _reveal_numeric,
    Matching: _reveal_matching,
    Reflection: _reveal_reflection,
}

_GRADERS = {
    SingleChoice: _single,
    MultiChoice: _multi,
    TrueFalse: _truefalse,
    Numeric: _numeric,
    Matching: _matching,
    Reflection: _reflection,
}
