"""Explainer: what "associated with" means, and why it is not "caused by".

The learner picks a published finding from a list. The tool says what its number means in plain
words, draws it (a 100-square grid for a share of variance, two bars for an odds ratio) and lists
the three reasons a link does not show cause: another factor, direction and chance.

Everything is fixed data and deterministic drawing: the tool stores nothing and sends nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from pcd import figures, labels

from . import _data
from ._tool import Badge, Bullets, Em, Figure, P, Strong, Tool, choice, html, shown

# Fixed scale for every odds-ratio chart, so a modest link (1.3) looks modest next to a strong
# one (6.34) instead of each chart stretching to fill the width.
ODDS_AXIS_MAX = 7.0
GRID_SIZE = 10  # 10 x 10 = 100 squares, one per percent
KINDS = ("variance", "correlation", "odds")
_TEXTS = ("label", "what", "plain", "other", "direction", "chance")

SPEC = {
    "support_note": str,
    "picker_label": str,
    "others_heading": str,
    "headings": {"means": str, "why": str, "other": str, "direction": str, "chance": str},
    "findings": [
        {
            "id": str,
            "kind": str,
            "source": str,
            "value": str,
            "evidence": str,
            **{field: str for field in _TEXTS},
            "support_note": _data.Optional(bool),
            "bar_labels": _data.Optional([str]),
        }
    ],
}


@dataclass(frozen=True)
class Finding:
    id: str
    label: str  # dropdown text
    kind: str  # "variance" (value in %), "correlation" (value is r) or "odds" (value is OR)
    value: float  # read from the bibliography's findings for `source`
    source: str  # bibliography key
    evidence: str  # pcd.labels level
    what: str  # what was measured, one sentence
    plain: str  # what the number means in plain words
    other: str  # another factor could explain both
    direction: str  # the cause could run the other way
    chance: str  # it could be chance
    support_note: bool = False
    bar_labels: tuple[str, str] = ("", "")  # odds charts: comparison group, group with the factor


def words() -> dict:
    return _data.load("association", SPEC)


def _numbers(kind: str, value: float) -> dict:
    """The names a finding's texts may use, e.g. {squares} or {percent_higher}."""
    numbers = {"value": value}
    if kind in ("variance", "correlation"):
        share = value if kind == "variance" else 100 * value**2  # r squared: shared differences
        numbers.update(squares=round(share), rest=100 - round(share))
    else:
        numbers.update(percent_higher=round((value - 1) * 100), times=round(value))
    return numbers


def _finding(raw: dict) -> Finding:
    where = f"association.yaml: findings['{raw['id']}']"
    if raw["kind"] not in KINDS:
        raise _data.ToolDataError(
            f"{where}: field 'kind': {raw['kind']!r} is not one of {', '.join(KINDS)}"
        )
    bars = tuple(raw.get("bar_labels") or ("", ""))
    if raw["kind"] == "odds" and len(bars) != 2:
        raise _data.ToolDataError(
            f"{where}: field 'bar_labels': an odds finding needs two labels "
            "(the comparison group first)"
        )
    value = _data.finding(raw["source"], raw["value"])
    numbers = _numbers(raw["kind"], value)
    texts = {f: _data.fill(raw[f], numbers, f"{where}: field '{f}'") for f in _TEXTS}
    return Finding(
        id=raw["id"],
        kind=raw["kind"],
        value=value,
        source=raw["source"],
        evidence=raw["evidence"],
        support_note=bool(raw.get("support_note")),
        bar_labels=bars,
        **texts,
    )


def findings() -> tuple[Finding, ...]:
    """Every finding, its number read from the bibliography and its texts filled in."""
    return tuple(_finding(raw) for raw in words()["findings"])


def finding(finding_id: str) -> Finding:
    by_id = {f.id: f for f in findings()}
    return by_id[choice(finding_id, by_id, "finding")]


def squares_filled(f: Finding) -> int:
    """How many of the 100 squares stand for the explained (or shared) share."""
    if f.kind == "odds":
        raise ValueError(f"{f.id}: an odds ratio is not a share of 100")
    return _numbers(f.kind, f.value)["squares"]


def figure_description(f: Finding) -> str:
    """One or two sentences that say what the figure shows, for readers who cannot see it."""
    if f.kind == "odds":
        return (
            f"Two bars. The comparison group ({f.bar_labels[0].lower()}) is set at 1. "
            f"The other group ({f.bar_labels[1].lower()}) reaches {f.value:g}; "
            "a dashed line at 1 marks “no difference”."
        )
    n = squares_filled(f)
    share = (
        "the share explained"
        if f.kind == "variance"
        else "the share the two measures have in common"
    )
    return (
        f"A grid of 100 squares. {n} are filled and hatched: {share}. "
        f"The other {100 - n} are plain: "
        + (
            "differences the study could not explain."
            if f.kind == "variance"
            else "differences the two measures do not share."
        )
    )


def _draw_grid(f: Finding):
    from matplotlib.patches import Patch, Rectangle

    n = squares_filled(f)
    fig, ax = figures.new_figure(7.5, 4.2)
    explained = dict(facecolor=figures.PALETTE["blue"], hatch="//", edgecolor="white")
    rest = dict(facecolor="#e6e6e6", edgecolor="white")
    for i in range(GRID_SIZE * GRID_SIZE):
        row, col = divmod(i, GRID_SIZE)
        # Fill from the bottom-left, row by row, so the filled share reads like a rising level.
        style = explained if i < n else rest
        ax.add_patch(Rectangle((col, row), 0.92, 0.92, linewidth=0.5, **style))
    ax.set_xlim(0, GRID_SIZE)
    ax.set_ylim(0, GRID_SIZE)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("Each square = 1% of the differences between people")
    word = "Explained" if f.kind == "variance" else "Shared (r × r)"
    ax.set_title(f"{word}: about {n} of 100 squares")
    ax.legend(
        handles=[
            Patch(label=f"{word}: {n}%", **explained),
            Patch(
                label=f"{'Not explained' if f.kind == 'variance' else 'Not shared'}: {100 - n}%",
                **rest,
            ),
        ],
        loc="center left",
        bbox_to_anchor=(1.02, 0.5),
        frameon=False,
    )
    return fig


def _draw_odds(f: Finding):
    fig, ax = figures.new_figure(7.5, 3.4)
    labels = list(f.bar_labels)
    values = [1.0, f.value]
    colours = [figures.PALETTE["grey"], figures.PALETTE["orange"]]
    bars = ax.barh(labels, values, color=colours, height=0.55)
    bars[1].set_hatch("//")
    for bar, value in zip(bars, values, strict=False):
        ax.text(value + 0.08, bar.get_y() + bar.get_height() / 2, f"{value:g}", va="center")
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    ax.text(1.05, 1.42, "1 = no difference", fontsize=10)
    ax.set_xlim(0, ODDS_AXIS_MAX)
    ax.set_ylim(-0.5, 1.6)
    ax.set_xlabel("Odds, compared with the comparison group (times)")
    ax.set_title(f"Odds ratio {f.value:g}")
    return fig


def make_figure(f: Finding):
    """The matplotlib Figure for a finding (tests inspect it; the tool shows its PNG)."""
    return _draw_odds(f) if f.kind == "odds" else _draw_grid(f)


@functools.cache
def _png(f: Finding) -> bytes:
    return figures.cached_png(make_figure, f)


def figure_png(finding_id: str) -> bytes:
    """The PNG for a finding (cached per finding: the same data gives the same bytes)."""
    return _png(finding(finding_id))


def explanation_blocks(f: Finding) -> list:
    """Everything but the picture: the number in plain words and why it is not a cause."""
    h = words()["headings"]
    blocks = [
        # Bold text, not a heading: an <h4> under the notebook's <h2> would skip a level.
        P(Strong(f.label)),
        P(f.what, " ", Badge(f.evidence)),
        P(Strong(h["means"]), " ", f.plain),
        P(Strong(h["why"])),
        Bullets(
            (
                (Strong(h["other"]), " ", f.other),
                (Strong(h["direction"]), " ", f.direction),
                (Strong(h["chance"]), " ", f.chance),
            )
        ),
    ]
    if f.support_note:
        blocks.append(P(Em(words()["support_note"])))
    return blocks


def explanation_html(f: Finding) -> str:
    return html(explanation_blocks(f))


def figure(f: Finding) -> Figure:
    return Figure(
        png=figure_png(f.id),
        alt=figure_description(f),
        caption=(figure_description(f),),
        sources=(f.source,),
        max_width="100%",
    )


class AssociationExplainer(Tool):
    """The live explainer: a dropdown of findings, the explanation, the figure and its source."""

    css_class = "pcd-association"

    def __init__(self, start: str | None = None):
        self._start = finding(start).id if start is not None else findings()[0].id
        super().__init__()

    def build(self):
        import ipywidgets as w

        self.picker = w.Dropdown(
            options=[(f.label, f.id) for f in findings()],
            value=self._start,
            description=words()["picker_label"],
            style={"description_width": "initial"},
            layout=w.Layout(width="max-content"),
        )
        self.text = w.HTML()
        self.image = w.HTML()
        self.caption = w.HTML()
        self.picker.observe(self.update, names="value")
        return w.VBox(
            [self.picker, self.text, self.image, self.caption], layout=w.Layout(max_width="800px")
        )

    def update(self, _change=None) -> None:
        f = finding(self.picker.value)
        shown = figure(f)
        self.text.value = explanation_html(f)
        self.image.value = shown.img_html()
        self.caption.value = shown.caption_html()

    def preview_blocks(self) -> list:
        f = finding(self.picker.value)
        others = tuple(o.label for o in findings() if o.id != f.id)
        return [
            *explanation_blocks(f),
            figure(f),
            P(words()["others_heading"]),
            Bullets(others),
        ]


def association_explainer(start: str | None = None):
    """The notebook's call: the live explainer, with its static preview (or a kind note if it cannot be built)."""
    return shown(AssociationExplainer, start)


def check_data() -> None:
    """Raise ToolDataError if association.yaml (or a number it points to) has a problem."""
    for f in findings():
        if f.evidence not in labels.LEVELS:
            raise _data.ToolDataError(
                f"association.yaml: findings['{f.id}']: field 'evidence': unknown level "
                f"{f.evidence!r}"
            )
