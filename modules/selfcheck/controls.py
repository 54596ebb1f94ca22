"""The widget control of each question type: what the learner answers with.

One small class per type, chosen by ``CONTROLS[type(question)]``. A control owns its widgets
and its submit buttons, and knows three things:

- ``response()``: the learner's current answer, in the form ``grading.check`` expects;
- ``set_response(value)``: put an answer in the widgets, as a learner would (tests, the bench
  and the review tests use it instead of poking at widgets);
- ``press()``: the learner's submitting action for the current answer (Check, True/False, Done).

``ExerciseView`` composes one control and does everything else (feedback, hint, "Show answer")
the same way for every type. To add a question type, add its class here and in ``CONTROLS``;
the completeness test in tests/selfcheck lists every other place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import ipywidgets as w

from .accessible import ChoiceGroup
from .markup import escape, inline
from .model import Matching, MultiChoice, Numeric, Question, Reflection, SingleChoice, TrueFalse
from .preview import prompt_of
from .text import format_value, t, unit_suffix


def _auto(display: str | None = None) -> w.Layout:
    # A fresh Layout per widget: a shared one would hide every button that uses it.
    return w.Layout(width="auto", display=display)


def button(label: str, tooltip: str, style: str = "", display: str | None = None) -> w.Button:
    """A button; ``display="none"`` builds it hidden (cheaper than hiding it afterwards, which
    sends the front end one more message)."""
    return w.Button(description=label, tooltip=tooltip, button_style=style, layout=_auto(display))


def prompt_html(question: Question) -> str:
    return f'<span class="selfcheck-prompt">{inline(prompt_of(question))}</span>'


class Control:
    """Base: ``widgets`` go below the prompt, ``buttons`` start the button row."""

    # True when the control shows the prompt itself, as the name of its group of choices.
    shows_prompt: ClassVar[bool] = False

    def __init__(self, question: Question, submit: Callable[[object], None]):
        self.question = question
        self.submit = submit
        self.widgets: list[w.Widget] = []
        self.buttons: list[w.Button] = []

    def response(self):
        return None

    def set_response(self, value) -> None:
        raise NotImplementedError

    def press(self) -> None:
        self.buttons[0].click()

    def _add_check(self) -> None:
        check = button(t("check"), t("check_tooltip"), "primary")
        check.on_click(lambda _: self.submit(self.response()))
        self.buttons.append(check)


class SingleControl(Control):
    shows_prompt = True

    def __init__(self, question: SingleChoice, submit):
        super().__init__(question, submit)
        self.group = ChoiceGroup(
            legend=prompt_html(question),
            options=[[o.id, inline(o.text)] for o in question.options],
        )
        self.widgets = [self.group]
        self._add_check()

    def response(self):
        return self.group.value[0] if self.group.value else None

    def set_response(self, value) -> None:
        self.group.value = [] if value is None else [value]


class MultiControl(Control):
    shows_prompt = True

    def __init__(self, question: MultiChoice, submit):
        super().__init__(question, submit)
        legend = prompt_html(question)
        instruction = t("multi_instruction")
        # Said once: not again when the educator's prompt already ends with it.
        if not prompt_of(question).rstrip().endswith(instruction):
            legend += f'<span class="selfcheck-instruction">{escape(instruction)}</span>'
        self.group = ChoiceGroup(
            legend=legend,
            options=[[o.id, inline(o.text)] for o in question.options],
            multiple=True,
        )
        self.widgets = [self.group]
        self._add_check()

    def response(self):
        return set(self.group.value)

    def set_response(self, value) -> None:
        self.group.value = list(value or ())


class TrueFalseControl(Control):
    def __init__(self, question: TrueFalse, submit):
        super().__init__(question, submit)
        myth = question.style == "myth-fact"
        self.true_button = button(
            t("fact" if myth else "true"), t("fact_tooltip" if myth else "true_tooltip")
        )
        self.false_button = button(
            t("myth" if myth else "false"), t("myth_tooltip" if myth else "false_tooltip")
        )
        self._chosen: bool | None = None
        self._pending = True
        self.true_button.on_click(lambda _: self._choose(True))
        self.false_button.on_click(lambda _: self._choose(False))
        statement = w.HTML(
            f'<div class="selfcheck-statement"><strong>{inline(question.statement)}</strong></div>'
        )
        self.widgets = [statement, w.HBox([self.true_button, self.false_button])]

    def _choose(self, value: bool) -> None:
        self._chosen = value
        self.submit(value)

    def response(self):
        return self._chosen

    def set_response(self, value) -> None:
        # The answer is the button itself: nothing to set before the press.
        if not isinstance(value, bool):
            raise ValueError(f"a true/false answer is True or False, got {value!r}")
        self._pending = value

    def press(self) -> None:
        (self.true_button if self._pending else self.false_button).click()


class NumericControl(Control):
    def __init__(self, question: Numeric, submit):
        super().__init__(question, submit)
        q = question
        tooltip = t(
            "numeric_tooltip",
            low=format_value(q.min),
            high=format_value(q.max),
            unit=unit_suffix(q.unit),
        )
        common = dict(
            value=q.min,
            min=q.min,
            max=q.max,
            step=q.step,
            description=t("numeric_label"),
            tooltip=tooltip,
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self._graded = None
        extra = []
        if q.input == "box":
            self.input = w.BoundedFloatText(**common)
            # Enter (or leaving the box) sends the value; treat that as a check.
            self.input.observe(lambda change: self._check(), names="value")
            extra = [w.HTML(f"<em>{escape(t('numeric_box_instruction'))}</em>")]
        elif all(float(v).is_integer() for v in (q.min, q.max, q.step)):
            common.update(value=int(q.min), min=int(q.min), max=int(q.max), step=int(q.step))
            self.input = w.IntSlider(**common)
        else:
            decimals = len(f"{q.step:.6f}".rstrip("0").split(".")[1])
            self.input = w.FloatSlider(readout_format=f".{decimals}f", **common)
        unit = [w.HTML(escape(q.unit))] if q.unit else []
        self.widgets = [*extra, w.HBox([self.input, *unit])]
        check = button(t("check"), t("check_tooltip"), "primary")
        check.on_click(lambda _: self._check())
        self.buttons = [check]

    def _check(self) -> None:
        value = self.response()
        # A number box checks on Enter; a Check click right after must not count twice.
        if self.question.input == "box" and value == self._graded:
            return
        self._graded = value
        self.submit(value)

    def response(self):
        return float(self.input.value)

    def set_response(self, value) -> None:
        self.input.value = value


class MatchingControl(Control):
    def __init__(self, question: Matching, submit):
        super().__init__(question, submit)
        # One radio group per item, not a dropdown: in JupyterLab's command mode a focused
        # <select> passes letters to the notebook's shortcuts (typing "m" to jump to an option
        # turns the exercise cell into Markdown), while radios need only Tab, arrows and Space,
        # and tell a screen reader which one is chosen. The item is the group's name.
        choices = [[c.id, inline(c.label)] for c in question.categories]
        self.pickers = {
            item.id: ChoiceGroup(
                legend=f'<span class="selfcheck-item">{n}. {inline(item.text)}</span>',
                options=choices,
                horizontal=True,
            )
            for n, item in enumerate(question.items, start=1)
        }
        self.widgets = list(self.pickers.values())
        self._add_check()

    def response(self):
        return {iid: p.value[0] for iid, p in self.pickers.items() if p.value}

    def set_response(self, value) -> None:
        value = value or {}
        for iid, picker in self.pickers.items():
            picker.value = [value[iid]] if value.get(iid) else []


class ReflectionControl(Control):
    def __init__(self, question: Reflection, submit):
        super().__init__(question, submit)
        self.textarea = w.Textarea(
            value="",
            placeholder=question.placeholder or t("reflection_placeholder"),
            description=t("reflection_label"),
            tooltip=t("reflection_tooltip"),
            rows=4,
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.widgets = [self.textarea]
        done = button(t("done_button"), t("done_tooltip"), "primary")
        # The typed text is neither graded nor recorded nor copied into the feedback: it stays
        # in the text box alone, so there is exactly one place it lives.
        done.on_click(lambda _: self.submit(None))
        self.buttons = [done]

    def set_response(self, value) -> None:
        self.textarea.value = value or ""


CONTROLS: dict[type[Question], type[Control]] = {
    SingleChoice: SingleControl,
    MultiChoice: MultiControl,
    TrueFalse: TrueFalseControl,
    Numeric: NumericControl,
    Matching: MatchingControl,
    Reflection: ReflectionControl,
}
