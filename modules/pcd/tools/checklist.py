"""A private "worth mentioning to a clinician" checklist (notebook 06).

The learner ticks what they have noticed and sees a tidy list they could take to an
appointment. The list only repeats what was ticked, in neutral words: it never names a
condition, never scores, and never suggests what the ticks mean, because only a clinician who
can ask questions and examine can judge that. Nothing is stored or sent: the ticks live in
widget state for as long as the kernel runs. The words are in data/tools/checklist.yaml.
"""

from __future__ import annotations

from . import _data
from ._tool import Bullets, Em, P, Strong, Tool, checkbox, html, shown

SPEC = {
    "title": str,
    "intro": str,
    "items": [{"id": str, "label": str, "line": str}],
    "details_heading": str,
    "details": [str],
    "list_heading": str,
    "nothing_ticked": str,
    "closing": str,
    "clear_label": str,
}


def words() -> dict:
    return _data.load("checklist", SPEC)


def summary_blocks(lines: list[str]) -> list:
    """What the list under the checkboxes says for these ticked lines."""
    w = words()
    if lines:
        blocks = [
            P(Strong(w["list_heading"])),
            Bullets(tuple(lines)),
            P(w["details_heading"]),
            Bullets(tuple(w["details"])),
        ]
    else:
        blocks = [P(w["nothing_ticked"])]
    return [*blocks, P(Em(w["closing"]))]


class ClinicianChecklist(Tool):
    """The live checklist: one checkbox per item, a summary that follows the ticks."""

    css_class = "pcd-checklist"

    def build(self):
        import ipywidgets as w

        data = words()
        self.items = data["items"]
        self.boxes = {item["id"]: checkbox(item["label"], self.update) for item in self.items}
        self.summary = w.HTML()
        self.clear = w.Button(description=data["clear_label"], tooltip=data["clear_label"])
        self.clear.on_click(self._clear)
        return w.VBox(
            [
                w.HTML(html(self._heading())),
                w.VBox(list(self.boxes.values())),
                self.clear,
                self.summary,
            ],
            layout=w.Layout(max_width="760px"),
        )

    def _heading(self) -> list:
        data = words()
        return [P(Strong(data["title"])), P(data["intro"])]

    def lines(self) -> list[str]:
        """The list lines for the ticked items, in checklist order."""
        return [item["line"] for item in self.items if self.boxes[item["id"]].value]

    def text(self) -> str:
        """What the summary says, as plain text."""
        from ._tool import text

        return text(summary_blocks(self.lines()))

    def update(self, _change=None) -> None:
        self.summary.value = html(summary_blocks(self.lines()), "pcd-checklist-summary")

    def _clear(self, _button=None) -> None:
        for box in self.boxes.values():
            box.value = False

    def preview_blocks(self) -> list:
        # Where there is no kernel: the items as empty boxes, and the empty list.
        boxes = Bullets(tuple(i["label"] for i in self.items), marker="[ ] ", plain=True)
        return [*self._heading(), boxes, *summary_blocks([])]


def clinician_checklist():
    """The notebook's call: the live checklist, with its static preview (or a kind note if it cannot be built)."""
    return shown(ClinicianChecklist)


def check_data() -> None:
    """Raise ToolDataError if checklist.yaml has a problem."""
    words()
