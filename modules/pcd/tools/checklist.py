"""A private "worth mentioning to a clinician" checklist (notebook 06).

The learner ticks what they have noticed and sees a tidy list they could take to an
appointment. The list only repeats what was ticked, in neutral words: it never names a
condition, never scores, and never suggests what the ticks mean, because only a clinician who
can ask questions and examine can judge that. Nothing is stored or sent: the ticks live in
widget state for as long as the kernel runs.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from selfcheck.display import WithPreview

TITLE = "Worth mentioning to a clinician"

INTRO = (
    "Tick anything you have noticed. A list you could bring to an appointment appears "
    "below. Nothing you tick is saved or sent."
)

# (id, what the learner ticks, the line in their list). The list line is phrased as
# something noticed, so the list reads the same whoever holds it and labels nobody.
ITEMS: tuple[tuple[str, str, str], ...] = (
    ("pain", "Pain during sex", "Pain during sex"),
    (
        "pain_lasts",
        "Pain that lasts after sex or comes back",
        "Pain that lasts after sex, or keeps coming back",
    ),
    (
        "tightening",
        "Muscles that tighten, or penetration feels very hard",
        "Muscles that seem to tighten, or penetration that feels very hard or not possible",
    ),
    ("dryness", "Dryness during sex", "Dryness during sex"),
    (
        "bleeding",
        "Bleeding during or after sex (not a period)",
        "Bleeding during or after sex that is not from a period",
    ),
    (
        "after_ejaculation",
        "Flu-like feelings after ejaculation that last days",
        "Flu-like feelings, tiredness or a foggy head after ejaculation that last for days",
    ),
    (
        "low_energy",
        "Feeling drained or very low on energy after sex",
        "Feeling drained or very low on energy after sex",
    ),
    (
        "medication",
        "Changes since starting, stopping or changing a medicine",
        "Changes in desire or in how sex feels since starting, stopping or changing a medicine",
    ),
    (
        "low_mood",
        "Low mood or tears after sex that are frequent, intense or worse",
        "Low mood or tears after sex that happen often, feel intense, or are getting worse",
    ),
)

DETAILS_HEADING = "It can help to note for each one:"
DETAILS = (
    "when it started",
    "how often it happens",
    "what makes it better or worse",
    "any medicines you take",
)

LIST_HEADING = "Things I would like to mention:"
NOTHING_TICKED = (
    "Nothing is ticked yet. That is fine. You can still see a clinician about anything "
    "that worries you."
)
# Always the last line the learner sees, whatever they ticked.
CLOSING = "A clinician is the right person to judge what these mean. This list is not a diagnosis."
CLEAR_LABEL = "Clear all ticks"


def _summary_html(lines: list[str]) -> str:
    if lines:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        details = "".join(f"<li>{html.escape(d)}</li>" for d in DETAILS)
        body = (
            f"<p><strong>{html.escape(LIST_HEADING)}</strong></p><ul>{items}</ul>"
            f"<p>{html.escape(DETAILS_HEADING)}</p><ul>{details}</ul>"
        )
    else:
        body = f"<p>{html.escape(NOTHING_TICKED)}</p>"
    return f'<div class="pcd-checklist-summary">{body}<p><em>{html.escape(CLOSING)}</em></p></div>'


def _summary_text(lines: list[str]) -> str:
    if lines:
        body = "\n".join([LIST_HEADING, *(f"- {line}" for line in lines), DETAILS_HEADING])
        body += "\n" + "\n".join(f"- {d}" for d in DETAILS)
    else:
        body = NOTHING_TICKED
    return f"{body}\n{CLOSING}"


class ClinicianChecklist:
    """The live checklist: one checkbox per item, a summary that follows the ticks."""

    def __init__(self) -> None:
        self.boxes: dict[str, widgets.Checkbox] = {}
        for item_id, label, _line in ITEMS:
            box = widgets.Checkbox(
                value=False,
                description=label,
                indent=False,
                layout=widgets.Layout(width="auto"),
                style={"description_width": "initial"},
            )
            box.observe(self._update, names="value")
            self.boxes[item_id] = box
        self.summary = widgets.HTML()
        self.clear = widgets.Button(description=CLEAR_LABEL, tooltip=CLEAR_LABEL)
        self.clear.on_click(self._clear)
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"<p><strong>{html.escape(TITLE)}</strong></p><p>{html.escape(INTRO)}</p>"
                ),
                widgets.VBox(list(self.boxes.values())),
                self.clear,
                self.summary,
            ],
            layout=widgets.Layout(max_width="760px"),
        )
        self._update()

    def lines(self) -> list[str]:
        """The list lines for the ticked items, in checklist order."""
        return [line for item_id, _label, line in ITEMS if self.boxes[item_id].value]

    def text(self) -> str:
        """What the summary says, as plain text."""
        return _summary_text(self.lines())

    def _update(self, _change=None) -> None:
        self.summary.value = _summary_html(self.lines())

    def _clear(self, _button=None) -> None:
        for box in self.boxes.values():
            box.value = False


def _preview_html() -> str:
    # Shown where there is no kernel: the items as a plain list, and how to use them.
    boxes = "".join(f"<li>&#9744; {html.escape(label)}</li>" for _i, label, _l in ITEMS)
    return (
        f'<div class="pcd-checklist"><p><strong>{html.escape(TITLE)}</strong></p><p>{html.escape(INTRO)}</p>'
        f'<ul style="list-style:none;padding-left:0">{boxes}</ul>'
        "<p><em>Run this notebook to tick items and see your list.</em></p>"
        f"{_summary_html([])}</div>"
    )


def _preview_text() -> str:
    boxes = "\n".join(f"[ ] {label}" for _i, label, _l in ITEMS)
    return (
        f"{TITLE}\n{INTRO}\n{boxes}\nRun this notebook to tick items and see your list.\n"
        f"{_summary_text([])}"
    )


def clinician_checklist() -> WithPreview:
    """Display the checklist (live in a kernel, a static preview elsewhere)."""
    tool = ClinicianChecklist()
    return WithPreview(tool.widget, html=_preview_html(), text=_preview_text())
