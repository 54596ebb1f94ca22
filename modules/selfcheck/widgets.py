"""ipywidgets views of a question. They collect a response, ask ``grading.check`` and show the
Feedback in widget state (a live region's value), never through ``print`` or an Output widget,
so the view behaves the same in pytest, under nbval and in JupyterLab.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Callable

import ipywidgets as w

from . import grading
from .accessible import LiveRegion
from .controls import CONTROLS, Control, button, prompt_html
from .display import LIVE_CLASS, WithPreview
from .grading import Feedback
from .markup import escape, inline
from .model import Question
from .preview import preview_html, preview_text
from .progress import Store
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
    if not question.shuffled:
        return question
    field = question.shuffled
    return dataclasses.replace(
        question, **{field: seeded_order(question.id, getattr(question, field))}
    )


def _default_cite(key: str) -> str:
    return f"[{escape(key)}]"


class ExerciseView(WithPreview):
    """One self-check exercise: its control, hint, "Show answer" and a live feedback region.

    ``cite``: key -> HTML for a citation (the topic package's renderer).
    ``reveal_after``: wrong tries before "Show answer" appears (0: shown from the start).
    Everything that depends on the question type lives in ``self.control``.
    """

    def __init__(
        self,
        question: Question,
        bank_name: str,
        store: Store,
        cite: Callable[[str], str] | None = None,
        reveal_after: int = 2,
    ):
        self.question = q = shown_question(question)
        self.bank_name = bank_name
        self.store = store
        self.cite = cite or _default_cite
        self.reveal_after = reveal_after
        self.wrong_tries = 0
        self.last_feedback: Feedback | None = None
        self.control: Control = CONTROLS[type(q)](q, self._submit)

        self.prompt = None if self.control.shows_prompt else w.HTML(prompt_html(q))
        # The live region is on the page, empty, from the start; each check changes its content.
        self.feedback = LiveRegion()
        self.hint_html = w.HTML("")
        self.hint_button = None
        # Built in its first state: every change after a widget is built is one more message.
        self.reveal_button = button(
            t("reveal"), t("reveal_tooltip"), display=self._reveal_display()
        )
        self.reveal_button.on_click(self._on_reveal)

        buttons = list(self.control.buttons)
        if q.hint:
            self.hint_button = button(t("hint"), t("hint_tooltip"))
            self.hint_button.on_click(self._on_hint)
            buttons.append(self.hint_button)
        if q.gradable:
            buttons.append(self.reveal_button)
        children = [self.prompt] if self.prompt is not None else []
        children += self.control.widgets
        if buttons:
            children.append(w.HBox(buttons))
        children += [self.hint_html, self.feedback]
        box = w.VBox(
            children, _dom_classes=("selfcheck-exercise", f"selfcheck-{q.type}", LIVE_CLASS)
        )
        super().__init__(box, html=preview_html(q), text=preview_text(q))

    # ------------------------------------------------------------------ responses

    def response(self):
        """The learner's current answer, in the form ``grading.check`` expects."""
        return self.control.response()

    def answer(self, response) -> None:
        """Give ``response`` and submit it, as a learner would (Check, True/False or Done)."""
        self.control.set_response(response)
        self.control.press()

    # ------------------------------------------------------------------ events

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
        self._show(grading.reveal(self.question, self.response()))

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

    def _reveal_display(self) -> str | None:
        return None if self.wrong_tries >= self.reveal_after else _HIDDEN

    def _update_reveal(self):
        self.reveal_button.layout.display = self._reveal_display()

    # ------------------------------------------------------------------ rendering

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
        # One message to the trait sync: status first would announce an empty change.
        with self.feedback.hold_sync():
            self.feedback.status = fb.status
            self.feedback.value = "".join(parts)
