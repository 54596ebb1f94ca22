"""Notebook 07's tools: a conversation-starter builder and the sex-context chart.

The builder turns a situation and a few ticks into gentle, blame-free "I" sentences the
learner can adapt. Nothing the learner picks or types is stored or sent; a typed name is
HTML-escaped. The words are in data/tools/conversation.yaml; the chart's numbers come from the
bibliography's findings.
"""

from __future__ import annotations

import re

from . import _data
from ._tool import Bullets, Figure, P, Quote, Strong, Tool, checkbox, html, shown

NAME_MAX = 40
ROLES = ("self", "support")
_MESSAGE = [{"id": str, "label": str, "text": str}]
SPEC = {
    "title": str,
    "situation_label": str,
    "name_label": str,
    "name_placeholder": str,
    "want_heading": str,
    "result_heading": str,
    "pick_something": str,
    "name_too_long": str,
    "tips": [str],
    "preview_intro": str,
    "preview_example_heading": str,
    "preview_example": {"situation": str, "messages": [str]},
    "situations": [{"id": str, "label": str, "role": str, "opening": str}],
    "messages": {role: _MESSAGE for role in ROLES},
    "context_chart": {
        "source": str,
        "title": str,
        "y_label": str,
        "x_label": str,
        "settings": [{"id": str, "label": str, "key": str}],
        "alt_start": str,
        "description": str,
        "caveat": str,
    },
}


def words() -> dict:
    data = _data.load("conversation", SPEC)
    for s in data["situations"]:
        if s["role"] not in ROLES:
            raise _data.ToolDataError(
                f"conversation.yaml: situations['{s['id']}']: field 'role': "
                f"{s['role']!r} is not one of {', '.join(ROLES)}"
            )
    example = data["preview_example"]
    situation(example["situation"], data)
    role = situation(example["situation"], data)["role"]
    known = {m["id"] for m in data["messages"][role]}
    for mid in example["messages"]:
        if mid not in known:
            raise _data.ToolDataError(
                f"conversation.yaml: field 'preview_example': message {mid!r} is not one of "
                f"the {role!r} messages ({', '.join(sorted(known))})"
            )
    return data


def situation(situation_id: str, data: dict | None = None) -> dict:
    data = data or words()
    for s in data["situations"]:
        if s["id"] == situation_id:
            return s
    known = ", ".join(s["id"] for s in data["situations"])
    raise _data.ToolDataError(f"unknown situation {situation_id!r}; use one of: {known}")


def clean_name(raw: str) -> tuple[str, bool]:
    """The name to use (spaces tidied, at most NAME_MAX characters) and whether it was cut."""
    name = re.sub(r"\s+", " ", raw or "").strip()
    return name[:NAME_MAX].rstrip(), len(name) > NAME_MAX


def wording(situation_id: str, chosen: list[str], name: str = "") -> list[str]:
    """The sentences for a situation and the chosen message ids, in a fixed order."""
    data = words()
    sit = situation(situation_id, data)
    opening = f"{name}, {sit['opening']}" if name else sit["opening"]
    picked = set(chosen)
    return [opening] + [m["text"] for m in data["messages"][sit["role"]] if m["id"] in picked]


def result_blocks(situation_id: str, chosen: list[str], raw_name: str) -> list:
    """What the builder shows under the ticks."""
    data = words()
    name, cut = clean_name(raw_name)
    notes = (
        [
            P(
                _data.fill(
                    data["name_too_long"],
                    {"max": NAME_MAX},
                    "conversation.yaml: field 'name_too_long'",
                )
            )
        ]
        if cut
        else []
    )
    if not chosen:
        return [*notes, P(data["pick_something"])]
    said = " ".join(wording(situation_id, chosen, name))
    return [*notes, P(Strong(data["result_heading"])), Quote(said), Bullets(tuple(data["tips"]))]


class ConversationBuilder(Tool):
    """The live builder: situation, optional name, ticks, and the wording they give."""

    css_class = "pcd-conversation"

    def build(self):
        import ipywidgets as w

        data = words()
        self.situation = w.Dropdown(
            options=[(s["label"], s["id"]) for s in data["situations"]],
            value=data["situations"][0]["id"],
            description=data["situation_label"],
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.name = w.Text(
            value="",
            description=data["name_label"],
            placeholder=data["name_placeholder"],
            style={"description_width": "initial"},
            continuous_update=True,
        )
        self.boxes = {
            role: {m["id"]: checkbox(m["label"], self.update) for m in data["messages"][role]}
            for role in ROLES
        }
        self.want_heading = w.HTML(html([P(Strong(data["want_heading"]))]))
        self.options = w.VBox()
        self.result = w.HTML()
        for control in (self.situation, self.name):
            control.observe(self.update, names="value")
        return w.VBox(
            [
                w.HTML(html([P(Strong(data["title"]))])),
                self.situation,
                self.want_heading,
                self.options,
                self.name,
                self.result,
            ],
            layout=w.Layout(max_width="760px"),
        )

    @property
    def role(self) -> str:
        return situation(self.situation.value)["role"]

    def chosen(self) -> list[str]:
        """Ticked message ids for the current situation (ticks for another role are ignored)."""
        return [mid for mid, box in self.boxes[self.role].items() if box.value]

    def update(self, _change=None) -> None:
        self.options.children = tuple(self.boxes[self.role].values())
        self.result.value = html(
            result_blocks(self.situation.value, self.chosen(), self.name.value)
        )

    def preview_blocks(self) -> list:
        data = words()
        example = data["preview_example"]
        return [
            P(Strong(data["title"])),
            P(data["preview_intro"]),
            Bullets(tuple(s["label"] for s in data["situations"])),
            P(data["preview_example_heading"]),
            Quote(" ".join(wording(example["situation"], example["messages"]))),
        ]


def conversation_builder():
    """The notebook's call: the live builder, with its static preview (or a kind note if it cannot be built)."""
    return shown(ConversationBuilder)


# --- context chart --------------------------------------------------------------------------


def context_rows() -> dict[tuple[str, str], tuple[float, int]]:
    """(sex, measure) -> (percent, n) for the chart's study, read from the bibliography."""
    from pcd import bibliography

    source = words()["context_chart"]["source"]
    rows = bibliography.entry(source)["findings"]["prevalence"]
    return {(r["sex"], r["measure"]): (float(r["percent"]), int(r["n"])) for r in rows}


def _describe(rows) -> str:
    chart = words()["context_chart"]
    values = {
        f"{sex}_{s['key']}": f"{rows[(sex, s['id'])][0]:g}%"
        for sex in ("women", "men")
        for s in chart["settings"]
    }
    return _data.fill(chart["description"], values, "conversation.yaml: context_chart: description")


def _chart_png(rows) -> bytes:
    from pcd import figures

    return figures.cached_png(_draw_chart, rows, words()["context_chart"])


def _draw_chart(rows: dict, chart: dict):
    """The chart from exactly these inputs (figures.cached_png keys the cache on them)."""
    from pcd import figures

    settings = chart["settings"]
    fig, ax = figures.new_figure(7.5, 4.2)
    groups = (("women", figures.PALETTE["blue"], ""), ("men", figures.PALETTE["orange"], "//"))
    width = 0.38
    for i, (sex, colour, hatch) in enumerate(groups):
        n = rows[(sex, settings[0]["id"])][1]
        xs = [j + (i - 0.5) * width for j in range(len(settings))]
        values = [rows[(sex, s["id"])][0] for s in settings]
        bars = ax.bar(
            xs,
            values,
            width,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.6,
            label=f"{sex.capitalize()} (n = {n})",
        )
        ax.bar_label(bars, labels=[f"{v:g}%" for v in values], padding=2, fontsize=11)
    ax.set_xticks(range(len(settings)), [s["label"] for s in settings])
    ax.set_ylim(0, 100)
    ax.set_ylabel(chart["y_label"])
    ax.set_xlabel(chart["x_label"])
    ax.set_title(chart["title"])
    ax.legend(loc="upper left", frameon=False)
    return fig


class ContextChart(Tool):
    """Grouped bars: share of women and men in the 2024 study who reported PCD, by setting.
    The chart never changes, so the live widget shows the preview's figure itself."""

    css_class = "pcd-context-chart"
    run_note = False

    def figure(self) -> Figure:
        chart = words()["context_chart"]
        rows = context_rows()
        description = _describe(rows)
        return Figure(
            png=_chart_png(rows),
            alt=f"{chart['alt_start']} {description}",
            caption=(f"{description} {chart['caveat']}",),
            sources=(chart["source"],),
            max_width="700px",
        )

    def build(self):
        import ipywidgets as w

        self._figure = self.figure()
        return w.HTML(self._figure.html())

    def preview_blocks(self) -> list:
        return [self._figure]


def context_chart():
    """The notebook's call: the chart with its caption and source."""
    return shown(ContextChart)


def check_data() -> None:
    """Raise ToolDataError if conversation.yaml has a problem."""
    data = words()
    _data.fill(data["name_too_long"], {"max": NAME_MAX}, "conversation.yaml: field 'name_too_long'")
    _describe(context_rows())
