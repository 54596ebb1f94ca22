"""A private personal plan builder (notebook 08).

The learner ticks strategies, adds notes and sees a tidy summary. Nothing leaves the screen
unless they press "Save my plan to a file": only then is a Markdown file written, next to the
notebook (the kernel's working folder), never over an existing file, and the learner is told the
full path. What they type is shown back HTML-escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

PLAN_FILENAME = "my-pcd-plan.md"
SAVE_LABEL = "Save my plan to a file"
# A plan is small; this only stops an endless loop if the folder is full of earlier plans.
_MAX_COPIES = 999


@dataclass(frozen=True)
class Strategy:
    id: str
    label: str  # first person, as it reads in the learner's own plan
    tip: str
    level: str  # an evidence level known to pcd.labels
    cite: str  # a bibliography key


STRATEGIES: tuple[Strategy, ...] = (
    Strategy(
        "talk",
        "Talk with my partner at a calm time",
        "Not straight after sex, but later, when you both feel settled. Say what happens and "
        "what helps. How well couples talk about sex goes with how satisfied they are. "
        "This has not been tested for PCD.",
        "mixed",
        "mallory2022",
    ),
    Strategy(
        "patterns",
        "Notice my patterns and triggers",
        "When do the feelings come, and when not? Feelings after sex differ a lot from person "
        "to person. Noticing yours can help you explain them to a partner or a professional.",
        "hypothesis",
        "burri2020",
    ),
    Strategy(
        "went-well",
        "Notice what went well",
        "PCD can follow sex that was wanted and enjoyed. Naming the good parts can help keep "
        "one low moment in proportion. This is an idea, not a tested treatment.",
        "hypothesis",
        "bird2011",
    ),
    Strategy(
        "comfort",
        "Look after my body",
        "Rest, a drink of water, a warm blanket. If sex hurts, see a doctor. Pain during sex "
        "is common: in Britain, about 1 in 13 sexually active women had it for 3 months or more "
        "in the past year.",
        "one",
        "mitchell2017",
    ),
    Strategy(
        "aftercare",
        "Plan some time together after sex",
        "Cuddling, stroking or talking after sex went with more satisfaction, even months "
        "later. These are links, not proof, and they were not studied for PCD.",
        "mixed",
        "muise2014",
    ),
    Strategy(
        "beyond-sex",
        "Enjoy closeness beyond sex",
        "Touch, time together and kind words all count as intimacy. PCD can happen in close, "
        "loving relationships, so one low moment does not define yours. This is an idea, not a "
        "tested treatment.",
        "hypothesis",
        "schweitzer2015",
    ),
    Strategy(
        "professional",
        "Talk to a professional if it gets heavy",
        "No treatment has been tested for PCD itself. But talking therapies helped with sexual "
        "problems in general, in 20 trials.",
        "mixed",
        "fruhauf2013",
    ),
)


def _strategy_html(s: Strategy) -> str:
    from pcd.bibliography import cite_html
    from pcd.labels import badge_html

    return (
        f"<div style='margin:0 0 0.2em 1.8em'>{html.escape(s.tip)}<br>"
        f"{badge_html(s.level)} · Source: {cite_html(s.cite)}</div>"
    )


def plan_markdown(chosen: list[Strategy], notes: str) -> str:
    """The plan as Markdown: what a save writes, with the same items the summary shows."""
    from pcd.bibliography import cite
    from pcd.labels import badge_text

    lines = [
        "# My plan for feelings after sex",
        "",
        'From the learning module "Why do I cry after sex?". Private: only you have this file.',
        "",
    ]
    if chosen:
        lines += ["## Things I want to try", ""]
        for s in chosen:
            lines.append(
                f"- **{s.label}.** {s.tip} ({badge_text(s.level)}; source: {cite(s.cite)})"
            )
        lines.append("")
    if notes.strip():
        lines += ["## My notes", "", notes.strip(), ""]
    lines += [
        "## If I need more help",
        "",
        'See "Where to get help" in notebook 08 (08-coping-and-help.ipynb). '
        "In an emergency, call your local emergency number.",
        "",
    ]
    return "\n".join(lines)


def _summary_html(chosen: list[Strategy], notes: str) -> str:
    if not chosen and not notes.strip():
        return "<p><em>Your plan is empty. Tick a strategy or write a note to start.</em></p>"
    parts = ["<div role='region' aria-label='Summary of my plan'><p><strong>My plan</strong></p>"]
    if chosen:
        from pcd.bibliography import cite_html
        from pcd.labels import badge_html

        items = "".join(
            f"<li><strong>{html.escape(s.label)}.</strong> {html.escape(s.tip)} "
            f"{badge_html(s.level)} · Source: {cite_html(s.cite)}</li>"
            for s in chosen
        )
        parts.append(f"<p>Things I want to try:</p><ul>{items}</ul>")
    if notes.strip():
        escaped = html.escape(notes.strip()).replace("\n", "<br>")
        parts.append(f"<p>My notes:</p><blockquote>{escaped}</blockquote>")
    parts.append("</div>")
    return "".join(parts)


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


class PlanBuilder:
    """The widgets of the plan builder, kept together so tests can drive them."""

    def __init__(self, directory: Path | str | None = None):
        import ipywidgets as w

        # None = the notebook's folder at the moment of saving (the kernel's working folder).
        self._directory = Path(directory) if directory is not None else None
        self.checkboxes: dict[str, w.Checkbox] = {}
        rows = []
        for s in STRATEGIES:
            box = w.Checkbox(
                value=False,
                description=s.label,
                indent=False,
                tooltip=f"Add to my plan: {s.label}",
                layout=w.Layout(width="auto"),
            )
            box.observe(self._update, names="value")
            self.checkboxes[s.id] = box
            rows.append(w.VBox([box, w.HTML(_strategy_html(s))]))
        self.notes = w.Textarea(
            value="",
            description="My notes",
            placeholder="Anything you want to remember. Only you can see this.",
            tooltip="Private notes: not saved unless you press Save",
            layout=w.Layout(width="95%", height="6em"),
        )
        self.notes.observe(self._update, names="value")
        self.summary = w.HTML()
        self.save_button = w.Button(
            description=SAVE_LABEL,
            tooltip="Write this plan to a Markdown file next to this notebook",
            layout=w.Layout(width="auto"),
        )
        self.save_button.on_click(self._save)
        self.status = w.HTML(
            "<p>Nothing is saved unless you press the button. Your plan stays on this "
            "screen and is gone when you close the notebook.</p>"
        )
        self.widget = w.VBox(
            [
                w.HTML("<p><strong>Pick what you would like to try</strong></p>"),
                *rows,
                self.notes,
                self.summary,
                self.save_button,
                self.status,
            ]
        )
        self._update()

    def chosen(self) -> list[Strategy]:
        return [s for s in STRATEGIES if self.checkboxes[s.id].value]

    @property
    def markdown(self) -> str:
        return plan_markdown(self.chosen(), self.notes.value)

    def _update(self, _change=None) -> None:
        self.summary.value = _summary_html(self.chosen(), self.notes.value)

    def _save(self, _button=None) -> None:
        if not self.chosen() and not self.notes.value.strip():
            self.status.value = (
                "<p>ⓘ Your plan is empty, so nothing was saved. "
                "Tick a strategy or write a note first.</p>"
            )
            return
        directory = self._directory if self._directory is not None else Path.cwd()
        try:
            path = save_plan(self.markdown, directory)
        except OSError as err:
            reason = html.escape(err.strerror or str(err))
            self.status.value = (
                f"<p>✘ Your plan could not be saved ({reason}). It is still on screen, "
                "so you can copy it by hand.</p>"
            )
            return
        self.status.value = (
            f"<p>✔ Saved your plan to <code>{html.escape(str(path))}</code>. "
            "Only you have this file. You can delete it at any time.</p>"
        )


def _preview() -> tuple[str, str]:
    items = "".join(
        f"<li><strong>{html.escape(s.label)}</strong>{_strategy_html(s)}</li>" for s in STRATEGIES
    )
    note = "Run the notebook (Run ▸ Run All Cells) to build your own plan."
    html_text = f"<p><strong>Personal plan builder</strong>. {note}</p><ul>{items}</ul>"
    text = "\n".join(["Personal plan builder. " + note, *(f"- {s.label}" for s in STRATEGIES)])
    return html_text, text


def plan_builder(directory: Path | str | None = None):
    """Show the plan builder (with a static preview for places with no kernel)."""
    from selfcheck.display import WithPreview

    builder = PlanBuilder(directory)
    html_text, text = _preview()
    view = WithPreview(builder.widget, html=html_text, text=text)
    view.builder = builder  # tests drive the widgets through this
    return view
