"""The adaptive review of notebook 09: bring back what the learner has not yet got right.

Selection is pure (``select``): given the banks and the progress store's entries it returns
the exercises to review, in order:

1. exercises whose last answer was wrong, oldest mistake first (the store's ``last_wrong``);
2. then exercises not tried yet, in notebook order.

With no progress at all (a new learner, and always under ``make notebooks`` and nbval, which
use an empty store) it returns a fixed starter set: one exercise from every notebook, picked by
a stable rule that favours a mix of question types. Reflections are never reviewed (they are
not graded), and neither is the review notebook's own bank.

``review()`` returns a ``Review``: a "Start review" / "Next" widget that shows each exercise with
the engine's ExerciseView, recording answers under the exercise's own bank and id. Like every
view the module shows, it is a ``WithPreview`` (a live widget with its static preview).
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from selfcheck.display import WithPreview

log = logging.getLogger(__name__)

REVIEW_BANK = "09-review"

WRONG, UNTRIED, STARTER = "wrong", "untried", "starter"
# Exercises per round: enough to be useful, few enough to finish in one sitting. "Review again"
# starts the next round from the latest answers.
ROUND_SIZE = 10

TEXT = {
    "start": "Start review",
    "start_tooltip": "Show the first exercise of your review",
    "next": "Next",
    "next_tooltip": "Go to the next exercise",
    "again": "Review again",
    "again_tooltip": "Start a new review from your latest answers",
    "intro_starter": (
        "You have no saved answers yet, so here is a mixed set: one exercise from each "
        "notebook ({n} in all)."
    ),
    "intro_adaptive": "From your saved answers: {wrong} to try again and {untried} not tried yet.",
    "intro_wrong_first": "The ones you got wrong come first, starting with the oldest mistake.",
    "intro_round": "This round shows {n} of them.",
    "intro_none": (
        "Well done: you have answered every exercise correctly. There is nothing left to "
        "review. You can still go back to any notebook."
    ),
    "position": "Exercise {i} of {n}",
    "from": "from {title}",
    "reason_wrong": "you got this one wrong before",
    "reason_untried": "not tried yet",
    "reason_starter": "from the mixed set",
    "finished": (
        "✔ That is the end of this review. Press “Review again” to start a new one from your "
        "latest answers."
    ),
    "preview_run": "Run the notebook (Run ▸ Run All Cells) to start your review.",
    "no_banks": "The review could not load any exercises. The rest of the notebook still works.",
    "sorry_exercise": (
        "This exercise could not be shown. Press “Next” to go on; the rest of the review works."
    ),
    "details": "Details for the module's authors",
}


@dataclass(frozen=True)
class Item:
    bank: str
    exercise_id: str
    reason: str  # WRONG, UNTRIED or STARTER


@dataclass(frozen=True)
class Selection:
    items: tuple[Item, ...]
    starter: bool  # True: no progress yet, so this is the fixed mixed set

    def count(self, reason: str) -> int:
        return sum(1 for item in self.items if item.reason == reason)


def reviewable(bank) -> list:
    """The bank's exercises that can be reviewed: graded ones only."""
    return [q for q in bank.exercises if q.gradable]


def starter_set(banks) -> tuple[Item, ...]:
    """One exercise per bank, in bank order: the first whose type is not yet in the set, so the
    set mixes question types; once every type has been used, start counting again."""
    items: list[Item] = []
    used: set[str] = set()
    for bank in banks:
        candidates = reviewable(bank)
        if not candidates:
            continue
        fresh = [q for q in candidates if q.type not in used]
        if not fresh:
            used.clear()
            fresh = candidates
        choice = fresh[0]
        used.add(choice.type)
        items.append(Item(bank.name, choice.id, STARTER))
    return tuple(items)


def select(banks, entries: dict[str, dict]) -> Selection:
    """What to review, from the banks (in notebook order) and the store's entries."""
    banks = [b for b in banks if b.name != REVIEW_BANK]
    order: dict[str, int] = {}
    for bank in banks:
        for q in reviewable(bank):
            order[f"{bank.name}/{q.id}"] = len(order)
    # Entries for exercises that no longer exist (or are not reviewable) are ignored.
    known = {key: entry for key, entry in entries.items() if key in order}
    if not known:
        return Selection(starter_set(banks), starter=True)

    def split(key: str) -> tuple[str, str]:
        bank, _, exercise_id = key.partition("/")
        return bank, exercise_id

    wrong = [key for key, entry in known.items() if entry.get("last_result") == "incorrect"]
    # ISO 8601 UTC stamps sort as text; an entry with no stamp goes first (oldest unknown),
    # and notebook order breaks ties so the result never depends on dict order.
    wrong.sort(key=lambda key: (known[key].get("last_wrong") or "", order[key]))
    untried = [key for key in order if key not in known]
    items = [Item(*split(key), WRONG) for key in wrong]
    items += [Item(*split(key), UNTRIED) for key in untried]
    return Selection(tuple(items), starter=False)


def load_banks(banks_dir: Path | None = None) -> list:
    """Every bank except the review's own, in notebook order; a broken bank is skipped."""
    from . import lesson

    return lesson.load_banks(banks_dir, skip=(REVIEW_BANK,), who="review")


def _intro(selection: Selection, round_size: int = ROUND_SIZE, *, banks: bool = True) -> str:
    if not banks:
        return TEXT["no_banks"]
    if not selection.items:
        return TEXT["intro_none"]
    if selection.starter:
        return TEXT["intro_starter"].format(n=len(selection.items))
    parts = [
        TEXT["intro_adaptive"].format(
            wrong=selection.count(WRONG), untried=selection.count(UNTRIED)
        )
    ]
    if len(selection.items) > round_size:
        parts.append(TEXT["intro_round"].format(n=round_size))
    if selection.count(WRONG):
        parts.append(TEXT["intro_wrong_first"])
    return " ".join(parts)


class Review(WithPreview):
    """The review widget: an intro, one exercise at a time, and a Start/Next button, shown with
    a static preview of the round (tests drive its button and read its ``view``)."""

    def __init__(self, banks, store, cite=None):
        import ipywidgets as w

        self.banks = {b.name: b for b in banks}
        self.store = store
        self.cite = cite
        self.selection = select(banks, store.entries())
        self.queue = self.selection.items[:ROUND_SIZE]
        self.position = -1  # -1: not started
        self.view = None  # the ExerciseView on screen
        self.finished = False

        self.intro = w.HTML(f"<p>{html.escape(self._intro())}</p>")
        self.heading = w.HTML("")
        self.slot = w.VBox([])
        self.button = w.Button(
            description=TEXT["start"],
            tooltip=TEXT["start_tooltip"],
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.button.on_click(self._advance)
        self.button.layout.display = None if self.queue else "none"
        widget = w.VBox([self.intro, self.heading, self.slot, self.button])
        widget.add_class("pcd-review")
        html_text, text = self.preview()
        super().__init__(widget, html=html_text, text=text)

    def _intro(self) -> str:
        # No bank at all is a problem on the authors' side, not "nothing left to review".
        return _intro(self.selection, banks=bool(self.banks))

    def _advance(self, _button=None) -> None:
        import ipywidgets as w
        from selfcheck import ExerciseView

        if self.finished:
            self._restart()
            return
        if self.position + 1 >= len(self.queue):
            self._finish()
            return
        self.position += 1
        item = self.queue[self.position]
        bank = self.banks[item.bank]
        try:
            self.view = ExerciseView(
                bank[item.exercise_id],
                bank_name=bank.name,
                store=self.store,
                cite=self.cite,
                reveal_after=bank.reveal_after,
            )
            shown = self.view.widget
        except Exception as exc:  # as in Lesson: a bug costs one exercise, not the review
            log.exception("review: the view of %s/%s failed", item.bank, item.exercise_id)
            self.view = None
            shown = w.HTML(
                f"<p>{html.escape(TEXT['sorry_exercise'])}</p>"
                f"<details><summary>{html.escape(TEXT['details'])}</summary>"
                f"<pre>{html.escape(f'{type(exc).__name__}: {exc}')}</pre></details>"
            )
        reason = TEXT[f"reason_{item.reason}"]
        where = TEXT["from"].format(title=f"{bank.name[:2]} {bank.title}")
        position = TEXT["position"].format(i=self.position + 1, n=len(self.queue))
        self.heading.value = (
            f"<p><strong>{html.escape(position)}</strong> · {html.escape(where)} · "
            f"<em>{html.escape(reason)}</em></p>"
        )
        self.slot.children = (shown,)
        self.button.description = TEXT["next"]
        self.button.tooltip = TEXT["next_tooltip"]

    def _finish(self) -> None:
        self.finished = True
        self.view = None
        self.slot.children = ()
        self.heading.value = f"<p>{html.escape(TEXT['finished'])}</p>"
        self.button.description = TEXT["again"]
        self.button.tooltip = TEXT["again_tooltip"]

    def _restart(self) -> None:
        self.finished = False
        self.selection = select(list(self.banks.values()), self.store.entries())
        self.queue = self.selection.items[:ROUND_SIZE]
        self.position = -1
        self.intro.value = f"<p>{html.escape(self._intro())}</p>"
        self.heading.value = ""
        self.button.description = TEXT["start"]
        self.button.tooltip = TEXT["start_tooltip"]
        self.button.layout.display = None if self.queue else "none"

    # ------------------------------------------------------------------ static preview

    def preview(self) -> tuple[str, str]:
        """HTML and text shown where there is no kernel: the intro and the list of exercises."""
        from selfcheck.markup import inline, plain
        from selfcheck.preview import kind_label, prompt_of

        rows_html, rows_text = [], []
        for n, item in enumerate(self.queue, start=1):
            bank = self.banks[item.bank]
            q = bank[item.exercise_id]
            prompt = getattr(q, "statement", "") or prompt_of(q)
            where = f"{bank.name[:2]} {bank.title}"
            rows_html.append(
                f"<li><strong>{html.escape(where)}</strong> ({html.escape(kind_label(q))}): "
                f"{inline(prompt)}</li>"
            )
            rows_text.append(f"{n}. {where} ({kind_label(q)}): {plain(prompt)}")
        intro = self._intro()
        run = TEXT["preview_run"]
        html_text = (
            f"<div class='pcd-review-preview'><p>{html.escape(intro)}</p>"
            f"<ol>{''.join(rows_html)}</ol><p><em>{html.escape(run)}</em></p></div>"
        )
        return html_text, "\n".join([intro, *rows_text, run])


def review(banks_dir: Path | None = None, store=None):
    """The adaptive review, shown with a static preview for places with no kernel."""
    from selfcheck.progress import default_store

    from .lesson import exercise_cite

    store = store if store is not None else default_store()
    return Review(load_banks(banks_dir), store, cite=exercise_cite())
