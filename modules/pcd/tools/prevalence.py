"""How common is PCD? An explorer of the published prevalence figures (data/prevalence.csv).

The learner picks a measure (ever, past 4 weeks, regularly) and a group (women, men, all); the
figure shows one bar per study with a 95% Wilson interval computed from the study's sample size,
and a caption says what the figure shows, why studies differ, and where the figures come from.
"""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

from .. import bibliography, content
from ..figures import HATCHES, PALETTE, cached_png, new_figure
from . import _data
from ._tool import Figure, Tool, choice, shown

FILE_NAME = "prevalence.csv"
Z95 = NormalDist().inv_cdf(0.975)  # the normal quantile for a two-sided 95% interval

SPEC = {
    "measures": [{"id": str, "words": str, "explorer": _data.Optional(str)}],
    "groups": [{"id": str, "label": str, "who": str}],
    "measure_label": str,
    "group_label": str,
    "x_label": str,
    "title": str,
    "no_rows": str,
    "shows": str,
    "why": str,
    "notes": {"range": str, "few_times": str, "press_release": str},
}
SEXES = ("women", "men", "all")


def words() -> dict:
    data = _data.load("prevalence", SPEC)
    _data.require_ids(data, "groups", SEXES, "prevalence.yaml")
    return data


def measures() -> dict[str, str]:
    """Every measure the CSV may use -> the words a learner reads."""
    return {m["id"]: m["words"] for m in words()["measures"]}


def explorer_measures() -> dict[str, str]:
    """The measures the explorer offers -> their menu labels."""
    return {m["id"]: m["explorer"] for m in words()["measures"] if m.get("explorer")}


def groups() -> dict[str, str]:
    return {g["id"]: g["label"] for g in words()["groups"]}


# Colour and hatch per group, so the figure does not rely on colour alone.
_STYLE = {
    "women": (PALETTE["blue"], HATCHES[0]),
    "men": (PALETTE["orange"], HATCHES[1]),
    "all": (PALETTE["green"], HATCHES[2]),
}
# A fixed axis, so switching from "ever" to "regularly" shows how much smaller the figures get.
X_MAX = 60


@dataclass(frozen=True)
class Row:
    study_key: str
    population: str
    country: str
    sex: str
    n: int | None
    measure: str
    percent: float
    percent_high: float | None
    note: str

    @property
    def is_range(self) -> bool:
        return self.percent_high is not None

    def label(self) -> str:
        """The figure as published: "46%" or "3–4%"."""
        if self.is_range:
            return f"{self.percent:g}–{self.percent_high:g}%"
        return f"{self.percent:g}%"

    def interval(self) -> tuple[float, float] | None:
        """95% interval in percent; for a published range, from the low end's lower limit to
        the high end's upper limit. None when the sample size is unknown."""
        if not self.n:
            return None
        low, _ = wilson_interval(self.percent / 100, self.n)
        _, high = wilson_interval((self.percent_high or self.percent) / 100, self.n)
        return 100 * low, 100 * high


def wilson_interval(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion p (0 to 1) observed in n people.

    Chosen over the simple p ± z·SE interval because it stays inside 0-1 and behaves well for
    the small percentages ("regularly": 2%) that appear here.
    """
    if n <= 0:
        raise ValueError("n must be a positive sample size")
    if not 0 <= p <= 1:
        raise ValueError("p must be a proportion between 0 and 1")
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _num(text: str, cast):
    return cast(text) if text.strip() else None


def csv_path() -> Path:
    """The study data the notebooks read (the checkout's, when there is one: see content)."""
    return content.data_file(FILE_NAME)


@functools.lru_cache(maxsize=1)
def _load(version: tuple[str, int]) -> tuple[Row, ...]:
    with open(version[0], encoding="utf-8", newline="") as fh:
        return tuple(
            Row(
                study_key=r["study_key"],
                population=r["population"],
                country=r["country"],
                sex=r["sex"],
                n=_num(r["n"], int),
                measure=r["measure"],
                percent=float(r["percent"]),
                percent_high=_num(r["percent_high"], float),
                note=r["note"],
            )
            for r in csv.DictReader(fh)
        )


def load_prevalence() -> tuple[Row, ...]:
    """Every row of data/prevalence.csv, typed."""
    where = csv_path()
    return _load((str(where), where.stat().st_mtime_ns))


def select(measure: str, group: str) -> list[Row]:
    """The rows the explorer shows: one measure, one group (or all), with a known sample size."""
    choice(measure, measures(), "measure")
    choice(group, SEXES, "group")
    rows = [
        r
        for r in load_prevalence()
        if r.measure == measure and r.n and (group == "all" or r.sex == group)
    ]
    # Women first, then men; within a group, by year of the study.
    return sorted(
        rows, key=lambda r: (SEXES.index(r.sex), bibliography.entry(r.study_key)["year"] or 0)
    )


# --- the figure --------------------------------------------------------------------------------


def figure_png(measure: str, group: str) -> bytes:
    """The bar chart for one choice, as PNG bytes (the same choice gives the same bytes)."""
    # Cached while the data files are unchanged: drawing is the slow part of every click.
    return _figure_png(measure, group, _data.stamp(csv_path(), "prevalence"))


@functools.lru_cache(maxsize=32)
def _figure_png(measure: str, group: str, _stamp) -> bytes:
    data = words()
    rows = tuple(select(measure, group))
    title = _data.fill(
        data["title"], {"measure": measures()[measure]}, "prevalence.yaml: field 'title'"
    )
    labels = tuple(f"{bibliography.in_text(r.study_key)}\n{r.sex}, n = {r.n:,}" for r in rows)
    return cached_png(_draw, rows, labels, title, data["x_label"], data["no_rows"])


def _draw(rows, labels, title, x_label, no_rows):
    """The chart from exactly these inputs (figures.cached_png keys the cache on them)."""
    from matplotlib.patches import Patch

    fig, ax = new_figure(7.5, 3.9)
    ax.set_xlim(0, X_MAX)
    ax.set_xlabel(x_label)
    ax.set_title(title, loc="left")
    if not rows:
        ax.text(X_MAX / 2, 0.5, no_rows, ha="center", va="center")
        ax.set_yticks([])
        return fig

    # Top to bottom in reading order.
    ys = list(range(len(rows)))[::-1]
    for y, row in zip(ys, rows, strict=False):
        colour, hatch = _STYLE[row.sex]
        ax.barh(y, row.percent, height=0.55, color=colour, hatch=hatch, edgecolor="#1a1a1a")
        if row.is_range:
            # The paper gives only a range: show its span as a lighter striped block, no point.
            ax.barh(
                y,
                row.percent_high - row.percent,
                left=row.percent,
                height=0.55,
                color="white",
                hatch="///",
                edgecolor=colour,
            )
        low, high = row.interval()
        ax.errorbar(
            [(low + high) / 2],
            [y],
            xerr=[[(high - low) / 2]],
            fmt="none",
            ecolor="#1a1a1a",
            elinewidth=1.6,
            capsize=5,
        )
        ax.text(high + 1, y, row.label(), va="center", fontsize=12, color="#1a1a1a")
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.grid(True, color="#d9d9d9", linewidth=0.8)
    ax.set_axisbelow(True)
    sexes = [s for s in SEXES if any(r.sex == s for r in rows)]
    handles = [
        Patch(facecolor=_STYLE[s][0], hatch=_STYLE[s][1], edgecolor="#1a1a1a", label=s.capitalize())
        for s in sexes
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    return fig


# --- the caption -------------------------------------------------------------------------------


def caption_parts(measure: str, group: str) -> dict[str, str]:
    """The caption as plain text pieces: what the figure shows, why studies differ, notes."""
    data = words()
    rows = select(measure, group)
    who = next(g["who"] for g in data["groups"] if g["id"] == group)
    shows = _data.fill(
        data["shows"],
        {"who": who, "measure": measures()[measure]},
        "prevalence.yaml: field 'shows'",
    )
    notes = " ".join(dict.fromkeys(n for n in map(_row_note, rows) if n))
    return {"shows": shows, "why": data["why"], "notes": notes}


def _row_note(row: Row) -> str:
    if row.is_range:
        kind = "range"
    elif row.note.startswith('"A few times"'):
        kind = "few_times"
    elif "press release" in row.note:
        kind = "press_release"
    else:
        return ""
    values = {"study": bibliography.in_text(row.study_key), "figure": row.label()}
    return _data.fill(words()["notes"][kind], values, f"prevalence.yaml: field 'notes': {kind}")


def sources(measure: str, group: str) -> list[str]:
    return list(dict.fromkeys(r.study_key for r in select(measure, group)))


def figure(measure: str, group: str) -> Figure:
    """The chart, what it shows, why studies differ, and its sources: one figure block."""
    parts = caption_parts(measure, group)
    shows = " ".join(p for p in (parts["shows"], parts["notes"]) if p)
    return Figure(
        png=figure_png(measure, group),
        alt=parts["shows"],
        caption=(shows, parts["why"]),
        sources=tuple(sources(measure, group)),
    )


# --- the widget --------------------------------------------------------------------------------


class PrevalenceExplorer(Tool):
    """The live explorer (a measure, a group, the chart and its caption) and its preview."""

    css_class = "pcd-prevalence"

    def __init__(self, measure: str = "lifetime", group: str = "all"):
        self._start = (
            choice(measure, explorer_measures(), "measure"),
            choice(group, SEXES, "group"),
        )
        super().__init__()

    def build(self):
        import ipywidgets as w

        data = words()
        measure, group = self._start
        self.measure = w.Dropdown(
            options=[(label, key) for key, label in explorer_measures().items()],
            value=measure,
            description=data["measure_label"],
            description_allow_html=False,
        )
        self.group = w.Dropdown(
            options=[(label, key) for key, label in groups().items()],
            value=group,
            description=data["group_label"],
        )
        self.image = w.HTML()
        self.caption = w.HTML()
        for control in (self.measure, self.group):
            control.observe(self.update, names="value")
        return w.VBox([w.HBox([self.measure, self.group]), self.image, self.caption])

    def _figure(self) -> Figure:
        return figure(self.measure.value, self.group.value)

    def update(self, _change=None) -> None:
        shown = self._figure()
        self.image.value = shown.img_html()
        self.caption.value = shown.caption_html()

    def preview_blocks(self) -> list:
        return [self._figure()]


def prevalence_explorer(measure: str = "lifetime", group: str = "all"):
    """The notebook's call: the live explorer, with its static preview (or a kind note if it cannot be built)."""
    return shown(PrevalenceExplorer, measure, group)


def check_data() -> None:
    """Raise ToolDataError if prevalence.yaml has a problem (the CSV is checked on its own)."""
    data = words()
    where = "prevalence.yaml: field"
    _data.fill(data["title"], {"measure": "x"}, f"{where} 'title'")
    _data.fill(data["shows"], {"who": "x", "measure": "x"}, f"{where} 'shows'")
    for kind, template in data["notes"].items():
        _data.fill(template, {"study": "x", "figure": "x"}, f"{where} 'notes': {kind}")
