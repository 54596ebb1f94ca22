"""ipywidgets views of a question. They collect a response, ask ``grading.check`` and show the
Feedback in widget state (``HTML.value``), never through ``print`` or an Output widget, so the
view behaves the same in pytest, under nbval and in JupyterLab.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random

import ipywidgets as w

from . import grading
from .display import WithPreview
from .grading import Feedback, format_value, unit_suffix
from .markup import escape, inline
from .model import Matching, MultiChoice, Numeric, Question, Reflection, SingleChoice
from .preview import preview_html, preview_text, prompt_of
from .text import t

_HIDDEN = "none"


def seeded_order(question_id: str, items: tuple) -> tuple:
    """``items`` shuffled with a seed from the question id: the same order on every run.

    hashlib, not hash(): Python salts str hashes per process.
    """
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    items = list(items)
    random.Random(seed).shuffle(items)
    return tuple(items)


def shown_question(question: Question) -> Question:
    """The question with options (or matching items) in the order the learner sees them."""
    if isinstance(question, (SingleChoice, MultiChoice)):
        return dataclasses.replace(question, options=seeded_order(question.id, question.options))
    if isinstance(question, Matching):
        return dataclasses.replace(question, items=seeded_order(question.id, question.items))
    return question


def _auto() -> w.Layout:
    # A fresh Layout per widget: a shared one would hide every button that uses it.
    return w.Layout(width="auto")


def _default_cite(key: str) -> str:
    return f"[{escape(key)}]"


def _button(label: str, tooltip: str, style: str = "") -> w.Button:
    return w.Button(description=label, tooltip=tooltip, button_style=style, layout=_auto())


class ExerciseView(WithPreview):
    """One self-check exercise: controls, hint, "Show answer" and a live feedback area.

    ``cite``: key -> HTML for a citation (the topic package's renderer).
    ``reveal_after``: wrong tries before "Show answer" appears (0: shown from the start).
    """

    def __init__(self, question: Question, bank_name: str, store, cite=None, reveal_after=2):
        self.question = shown_question(question)
        self.bank_name = bank_name
        self.store = store
        self.cite = cite or _default_cite
        self.reveal_after = reveal_after
        self.wrong_tries = 0
        self.last_feedback: Feedback | None = None
        self.check_button = None
        self.hint_button = None
        self._graded_value = None

        q = self.question
        self.prompt = w.HTML(f'<div class="selfcheck-prompt">{inline(prompt_of(q))}</div>')
        self.feedback = w.HTML(self._wrap(""))
        self.hint_html = w.HTML("")
        self.reveal_button = _button(t("reveal"), t("reveal_tooltip"))
        self.reveal_button.on_click(self._on_reveal)
        self._update_reveal()

        controls = getattr(self, f"_build_{q.type}")()
        buttons = [b for b in (self.check_button,) if b is not None]
        if q.hint:
            self.hint_button = _button(t("hint"), t("hint_tooltip"))
            self.hint_button.on_click(self._on_hint)
            buttons.append(self.hint_button)
        if q.gradable:
            buttons.append(self.reveal_button)
        children = [self.prompt, *controls]
        if buttons:
            children.append(w.HBox(buttons))
        children += [self.hint_html, self.feedback]
        box = w.VBox(children)
        box.add_class("selfcheck-exercise")
        box.add_class(f"selfcheck-{q.type}")
        super().__init__(box, html=preview_html(q), text=preview_text(q))

    # ------------------------------------------------------------------ controls per type

    def _make_check(self):
        self.check_button = _button(t("check"), t("check_tooltip"), "primary")
        self.check_button.on_click(self._on_check)

    def _build_single(self):
        self.choices = w.RadioButtons(
            options=[(o.text, o.id) for o in self.question.options],
            value=None,
            description=t("choices_label"),
            tooltip=t("choices_tooltip"),
            layout=w.Layout(width="max-content"),
        )
        self._make_check()
        return [self.choices]

    def _build_multi(self):
        self.checkboxes = {
            o.id: w.Checkbox(
                value=False,
                description=o.text,
                tooltip=t("multi_tooltip"),
                indent=False,
                layout=_auto(),
            )
            for o in self.question.options
        }
        self._make_check()
        return [w.HTML(f"<em>{escape(t('multi_instruction'))}</em>"), *self.checkboxes.values()]

    def _build_truefalse(self):
        myth = self.question.style == "myth-fact"
        self.true_button = _button(
            t("fact" if myth else "true"), t("fact_tooltip" if myth else "true_tooltip")
        )
        self.false_button = _button(
            t("myth" if myth else "false"), t("myth_tooltip" if myth else "false_tooltip")
        )
        self.true_button.on_click(lambda _: self._submit(True))
        self.false_button.on_click(lambda _: self._submit(False))
        statement = w.HTML(
            f'<div class="selfcheck-statement"><strong>'
            f"{inline(self.question.statement)}</strong></div>"
        )
        return [statement, w.HBox([self.true_button, self.false_button])]

    def _build_numeric(self):
        q: Numeric = self.question
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
        if q.input == "box":
            self.input = w.BoundedFloatText(**common)
            # Enter (or leaving the box) sends the value; treat that as a check.
            self.input.observe(lambda change: self._on_check(), names="value")
            extra = [w.HTML(f"<em>{escape(t('numeric_box_instruction'))}</em>")]
        else:
            integral = all(float(v).is_integer() for v in (q.min, q.max, q.step))
            if integral:
                common.update(value=int(q.min), min=int(q.min), max=int(q.max), step=int(q.step))
                self.input = w.IntSlider(**common)
            else:
                decimals = len(f"{q.step:.6f}".rstrip("0").split(".")[1])
                self.input = w.FloatSlider(readout_format=f".{decimals}f", **common)
            extra = []
        self._make_check()
        unit = w.HTML(escape(q.unit)) if q.unit else None
        row = w.HBox([self.input, unit] if unit else [self.input])
        return [*extra, row]

    def _build_matching(self):
        # A row of radio buttons per item, not a dropdown: in JupyterLab's command mode a
        # focused <select> passes letters to the notebook's shortcuts (typing "m" to jump to an
        # option turns the exercise cell into Markdown), while radios need only Tab and Space,
        # and, unlike toggle buttons, tell a screen reader which one is chosen.
        choices = [(c.label, c.id) for c in self.question.categories]
        self.pickers = {}
        rows = []
        for n, item in enumerate(self.question.items, start=1):
            # The item's text is the group's label: shown above its choices, and the name a
            # screen reader gives the group. (The label element does not wrap: the span does.)
            picker = w.RadioButtons(
                options=choices,
                value=None,
                orientation="horizontal",
                description=(
                    f'<span class="selfcheck-item" style="white-space:normal">'
                    f"{n}. {inline(item.text)}</span>"
                ),
                description_allow_html=True,
                tooltip=t("matching_tooltip", item=item.text),
                style={"description_width": "initial"},
                layout=w.Layout(width="100%"),
            )
            self.pickers[item.id] = picker
            rows.append(picker)
        self._make_check()
        return rows

    def _build_reflection(self):
        q: Reflection = self.question
        self.textarea = w.Textarea(
            value="",
            placeholder=q.placeholder or t("reflection_placeholder"),
            description=t("reflection_label"),
            tooltip=t("reflection_tooltip"),
            rows=4,
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.done_button = _button(t("done_button"), t("done_tooltip"), "primary")
        self.done_button.on_click(self._on_done)
        return [self.textarea, w.HBox([self.done_button])]

    # ------------------------------------------------------------------ responses

    def response(self):
        """The learner's current answer, in the form ``grading.check`` expects."""
        q = self.question
        if isinstance(q, SingleChoice):
            return self.choices.value
        if isinstance(q, MultiChoice):
            return {oid for oid, box in self.checkboxes.items() if box.value}
        if isinstance(q, Numeric):
            return float(self.input.value)
        if isinstance(q, Matching):
            return {iid: p.value for iid, p in self.pickers.items() if p.value is not None}
        return None

    # ------------------------------------------------------------------ events

    def _on_check(self, _button=None):
        value = self.response()
        if isinstance(self.question, Numeric):
            # A number box checks on Enter; a Check click right after must not count twice.
            if self.question.input == "box" and value == self._graded_value:
                return
            self._graded_value = value
        self._submit(value)

    def _submit(self, response):
        fb = grading.check(self.question, response)
        notice = None
        if fb.graded:
            self.store.record(self.bank_name, self.question.id, fb.correct)
            notice = self.store.take_notice()
            if not fb.correct:
                self.wrong_tries += 1
                self._update_reveal()
        self._show(fb, notice=notice)

    def _on_reveal(self, _button=None):
        q = self.question
        if isinstance(q, (MultiChoice, Matching)) and self.response():
            fb = grading.check(q, self.response(), reveal=True)
            fb = dataclasses.replace(fb, status="revealed", headline=t("revealed"))
        else:
            fb = grading.reveal(q)
        self._show(fb)

    def _on_hint(self, _button=None):
        if self.hint_html.value:
            self.hint_html.value = ""
            self.hint_button.description = t("hint")
        else:
            self.hint_html.value = (
                f'<div class="selfcheck-hint"><strong>'
                f"{escape(t('hint_prefix'))}</strong> "
                f"{inline(self.question.hint)}</div>"
            )
            self.hint_button.description = t("hint_hide")

    def _on_done(self, _button=None):
        # The typed text is neither recorded nor copied into the feedback: it stays in the
        # text box alone, so there is exactly one place it lives, and only until the page closes.
        self._show(grading.check(self.question, None))

    def _update_reveal(self):
        visible = self.wrong_tries >= self.reveal_after
        self.reveal_button.layout.display = None if visible else _HIDDEN

    # ------------------------------------------------------------------ rendering

    @staticmethod
    def _wrap(body: str, status: str = "") -> str:
        cls = f"selfcheck-feedback selfcheck-status-{status}" if status else "selfcheck-feedback"
        return f'<div role="status" aria-live="polite" class="{cls}">{body}</div>'

    def _cites(self, keys) -> str:
        return ", ".join(self.cite(k) for k in keys)

    def _show(self, fb: Feedback, notice: str | None = None) -> None:
        self.last_feedback = fb
        parts = []
        if notice:
            parts.append(f'<p class="selfcheck-notice">ⓘ {escape(notice)}</p>')
        parts.append(f'<p class="selfcheck-headline"><strong>{escape(fb.headline)}</strong></p>')
        if fb.details:
            items = []
            for d in fb.details:
                line = inline(d.text)
                if d.explanation:
                    line += " " + inline(d.explanation)
                if d.cite:
                    line += " " + self._cites(d.cite)
                items.append(f'<li class="selfcheck-{d.verdict}">{line}</li>')
            parts.append('<ul class="selfcheck-details">' + "".join(items) + "</ul>")
        if fb.explanation:
            parts.append(f"<p>{inline(fb.explanation)}</p>")
        if fb.cite:
            parts.append(
                f'<p class="selfcheck-sources">{escape(t("sources"))} {self._cites(fb.cite)}</p>'
            )
        self.feedback.value = self._wrap("".join(parts), fb.status)
