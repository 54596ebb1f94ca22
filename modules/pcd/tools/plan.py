"""A private personal plan builder (notebook 08).

The learner ticks strategies, adds notes and sees a tidy summary. Nothing leaves the screen
unless they press "Save my plan to a file": only then is a Markdown file written, next to the
notebook (the kernel's working folder), never over an existing file, and the learner is told the
full path. What they type is shown back HTML-escaped. The words are in data/tools/plan.yaml.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass
from pathlib import Path

from . import _data
from ._tool import Badge, Bullets, Cite, Em, P, Strong, Tool, checkbox, html, shown

PLAN_FILENAME = "my-pcd-plan.md"
# A plan is small; this only stops an endless loop if the folder is full of earlier plans.
_MAX_COPIES = 999

SPEC = {
    "strategies": [{"id": str, "label": str, "tip": str, "level": str, "cite": str}],
    **{
        field: str
        for field in (
            "title pick_heading add_tooltip notes_label notes_placeholder notes_tooltip "
            "save_label save_tooltip nothing_saved_yet empty_plan summary_heading summary_name "
            "try_heading notes_heading not_saved_empty not_saved_error saved file_title "
            "file_intro file_try_heading file_notes_heading file_help_heading file_help"
        ).split()
    },
}


@dataclass(frozen=True)
class Strategy:
    id: str
    label: str  # first person, as it reads in the learner's own plan
    tip: str
    level: str  # an evidence level known to pcd.labels
    cite: str  # a bibliography key


def words() -> dict:
    return _data.load("plan", SPEC)


def strategies() -> tuple[Strategy, ...]:
    return tuple(Strategy(**s) for s in words()["strategies"])


def _evidence(s: Strategy) -> tuple:
    return (Badge(s.level), " · Source: ", Cite(s.cite))


def plan_markdown(chosen: list[Strategy], notes: str) -> str:
    """The plan as Markdown: what a save writes, with the same items the summary shows."""
    from pcd.bibliography import cite
    from pcd.labels import badge_text

    w = words()
    lines = [f"# {w['file_title']}", "", w["file_intro"], ""]
    if chosen:
        lines += [f"## {w['file_try_heading']}", ""]
        for s in chosen:
            lines.append(
                f"- **{s.label}.** {s.tip} ({badge_text(s.level)}; source: {cite(s.cite)})"
            )
        lines.append("")
    if notes.strip():
        lines += [f"## {w['file_notes_heading']}", "", notes.strip(), ""]
    lines += [f"## {w['file_help_heading']}", "", w["file_help"], ""]
    return "\n".join(lines)


def _summary_html(chosen: list[Strategy], notes: str) -> str:
    w = words()
    if not chosen and not notes.strip():
        return html([P(Em(w["empty_plan"]))])
    blocks = [P(Strong(w["summary_heading"]))]
    if chosen:
        items = tuple((Strong(f"{s.label}."), f" {s.tip} ", *_evidence(s)) for s in chosen)
        blocks += [P(w["try_heading"]), Bullets(items)]
    body = html(blocks)
    if notes.strip():
        # Typed text keeps its line breaks, escaped.
        escaped = _html.escape(notes.strip()).replace("\n", "<br>")
        body += f"{html([P(w['notes_heading'])])}<blockquote>{escaped}</blockquote>"
    label = _html.escape(w["summary_name"], quote=True)
    return f"<div role='region' aria-label='{label}'>{body}</div>"


def save_plan(text: str, directory: Path) -> Path:
    """Write text to a new file in directory; never overwrite (add -2, -3, ...)."""
    stem, suffix = Path(PLAN_FILENAME).stem, Path(PLAN_FILENAME).suffix
    for n in range(1, _MAX_COPIES + 1):
        name = PLAN_FILENAME if n == 1 else f"{stem}-{n}{suffix}"
        path = (directory / name).resolve()
        try:
            # "x" refuses to open an existing file, so a plan is never overwritten, even if
            # another notebook saves one at the same moment.
            with open(path, "x", encoding="utf-8", newline="\n") as f:
                f.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"there are already {_MAX_COPIES} plan files in this folder")


class PlanBuilder(Tool):
    """The plan builder: a checkbox per strategy, notes, a summary and a save button."""

    css_class = "pcd-plan"

    def __init__(self, directory: Path | str | None = None):
        # None = the notebook's folder at the moment of saving (the kernel's working folder).
        self._directory = Path(directory) if directory is not None else None
        super().__init__()

    def build(self):
        import ipywidgets as w

        data = words()
        self.strategies = strategies()
        self.checkboxes = {}
        rows = []
        for s in self.strategies:
            tip = _data.fill(
                data["add_tooltip"], {"label": s.label}, "plan.yaml: field 'add_tooltip'"
            )
            box = checkbox(s.label, self.update, tooltip=tip)
            self.checkboxes[s.id] = box
            rows.append(w.VBox([box, w.HTML(self._strategy_html(s))]))
        self.notes = w.Textarea(
            value="",
            description=data["notes_label"],
            placeholder=data["notes_placeholder"],
            tooltip=data["notes_tooltip"],
            layout=w.Layout(width="95%", height="6em"),
        )
        self.notes.observe(self.update, names="value")
        self.summary = w.HTML()
        self.save_button = w.Button(
            description=data["save_label"],
            tooltip=data["save_tooltip"],
            layout=w.Layout(width="auto"),
        )
        self.save_button.on_click(self._save)
        self.status = w.HTML(html([P(data["nothing_saved_yet"])]))
        return w.VBox(
            [
                w.HTML(html([P(Strong(data["pick_heading"]))])),
                *rows,
                self.notes,
                self.summary,
                self.save_button,
                self.status,
            ]
        )

    @staticmethod
    def _strategy_html(s: Strategy) -> str:
        # Indented under its checkbox, so the tip reads as that box's explanation.
        return f"<div style='margin:0 0 0.2em 1.8em'>{html([P(s.tip), P(*_evidence(s))])}</div>"

    def chosen(self) -> list[Strategy]:
        return [s for s in self.strategies if self.checkboxes[s.id].value]

    @property
    def markdown(self) -> str:
        return plan_markdown(self.chosen(), self.notes.value)

    def update(self, _change=None) -> None:
        self.summary.value = _summary_html(self.chosen(), self.notes.value)

    def _say(self, symbol: str, template: str, **values) -> None:
        text = _data.fill(words()[template], values, f"plan.yaml: field '{template}'")
        self.status.value = html([P(f"{symbol} {text}")])

    def _save(self, _button=None) -> None:
        if not self.chosen() and not self.notes.value.strip():
            self._say("ⓘ", "not_saved_empty")
            return
        directory = self._directory if self._directory is not None else Path.cwd()
        try:
            path = save_plan(self.markdown, directory)
        except OSError as err:
            self._say("✘", "not_saved_error", reason=err.strerror or str(err))
            return
        self._say("✔", "saved", path=str(path))

    def preview_blocks(self) -> list:
        items = tuple((Strong(s.label), ": ", s.tip, " ", *_evidence(s)) for s in self.strategies)
        return [P(Strong(words()["title"])), Bullets(items)]


def plan_builder(directory: Path | str | None = None):
    """The notebook's call: the live plan builder, with its static preview (or a kind note if it cannot be built)."""
    return shown(PlanBuilder, directory)


def check_data() -> None:
    """Raise ToolDataError if plan.yaml has a problem."""
    from pcd import bibliography, labels

    w = words()
    # Every template, filled as the builder fills it, so a misspelt {name} shows up here.
    for template, values in (
        ("add_tooltip", {"label": "x"}),
        ("not_saved_error", {"reason": "x"}),
        ("saved", {"path": "x"}),
    ):
        _data.fill(w[template], values, f"plan.yaml: field '{template}'")
    for s in strategies():
        where = f"plan.yaml: strategies['{s.id}']"
        if s.level not in labels.LEVELS:
            raise _data.ToolDataError(f"{where}: field 'level': unknown level {s.level!r}")
        if s.cite not in bibliography.keys():
            raise _data.ToolDataError(f"{where}: field 'cite': unknown reference key {s.cite!r}")
