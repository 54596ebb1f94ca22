"""How common is PCD? An explorer of the published prevalence figures (data/prevalence.csv).

The learner picks a measure (ever, past 4 weeks, regularly) and a group (women, men, all); the
figure shows one bar per study with a 95% Wilson interval computed from the study's sample size,
and a caption says what the figure shows, why studies differ, and where the figures come from.
"""

from __future__ import annotations

import csv
import functools
import html
import math
from dataclasses import dataclass
from pathlib import Path

from .. import bibliography, content
from ..figures import HATCHES, PALETTE, img_html, new_figure, png_bytes

FILE_NAME = "prevalence.csv"
Z95 = 1.959963984540054  # the normal quantile for a two-sided 95% interval

# Every measure the CSV may use, with the words a learner reads. The explorer offers the first
# three: they are the ones the PCD surveys share. The others stay in the data for notebooks.
MEASURES = {
    "lifetime": "ever, even once (lifetime)",
    "past_4_weeks": "in the past 4 weeks",
    "regular": "regularly or most of the time",
    "recent": "recent symptoms (twin study)",
    "persistent": "persistent symptoms (twin study)",
    "context_relationship": "after sex in a relationship",
    "context_casual": "after casual sex",
    "context_masturbation": "after masturbation",
    "pses_pcd": "PCD on the Post-Sex Experience Scale",
}
EXPLORER_MEASURES = {
    "lifetime": "Ever (lifetime)",
    "past_4_weeks": "In the past 4 weeks",
    "regular": "Regularly",
}
GROUPS = {"women": "Women", "men": "Men", "all": "All"}
SEXES = ("women", "men", "all")

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
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; use one of: {', '.join(MEASURES)}")
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}; use one of: {', '.join(GROUPS)}")
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
    from matplotlib.patches import Patch

    rows = select(measure, group)
    fig, ax = new_figure(7.5, 3.9)
    ax.set_xlim(0, X_MAX)
    ax.set_xlabel("% of sample (bar: published figure; line: 95% interval)")
    ax.set_title(f"Felt PCD {MEASURES[measure]}", loc="left")
    if not rows:
        ax.text(X_MAX / 2, 0.5, "No study reported this figure.", ha="center", va="center")
        ax.set_yticks([])
        return png_bytes(fig)

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
    ax.set_yticklabels([f"{bibliography.in_text(r.study_key)}\n{r.sex}, n = {r.n:,}" for r in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.grid(True, color="#d9d9d9", linewidth=0.8)
    ax.set_axisbelow(True)
    sexes = [s for s in SEXES if any(r.sex == s for r in rows)]
    handles = [
        Patch(facecolor=_STYLE[s][0], hatch=_STYLE[s][1], edgecolor="#1a1a1a", label=s.capitalize())
        for s in sexes
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    return png_bytes(fig)


# --- the caption -------------------------------------------------------------------------------

_WHY = (
    "Why do the studies differ? They asked different people (mostly students or adults who chose "
    "to answer an online survey), used different wording, and asked about different time spans. "
    "So no bar is a figure for everyone, and bars from different studies are not a fair contest."
)


def caption_parts(measure: str, group: str) -> dict[str, str]:
    """The caption as plain text pieces: what the figure shows, why studies differ, notes."""
    rows = select(measure, group)
    who = {"women": "women", "men": "men", "all": "women and men"}[group]
    shows = (
        f"Each bar shows the share of {who} in one study who said they had felt PCD "
        f"{MEASURES[measure]}. The black line is the 95% interval: the range where the figure "
        "for people like that sample probably lies, given its size."
    )
    notes = " ".join(dict.fromkeys(_row_note(r) for r in rows if _row_note(r)))
    return {"shows": shows, "why": _WHY, "notes": notes}


def _row_note(row: Row) -> str:
    if row.is_range:
        return (
            f"{bibliography.in_text(row.study_key)} gave a range ({row.label()}), shown as a "
            "striped block; its interval spans both ends."
        )
    if row.note.startswith('"A few times"'):
        return (
            f"The {row.label()} figure for {bibliography.in_text(row.study_key)} counts people who "
            "felt it a few times in the past 4 weeks."
        )
    if "press release" in row.note:
        return f"The {row.label()} figure for {bibliography.in_text(row.study_key)} comes from a university press release."
    return ""


def sources(measure: str, group: str) -> list[str]:
    return list(dict.fromkeys(r.study_key for r in select(measure, group)))


def caption_html(measure: str, group: str) -> str:
    parts = caption_parts(measure, group)
    cites = "; ".join(bibliography.cite_html(k) for k in sources(measure, group))
    notes = f" {html.escape(parts['notes'])}" if parts["notes"] else ""
    return (
        '<div class="pcd-caption" style="max-width:750px;color:#1a1a1a">'
        f"<p>{html.escape(parts['shows'])}{notes}</p>"
        f"<p>{html.escape(parts['why'])}</p>"
        f"<p><strong>Sources:</strong> {cites}</p></div>"
    )


def caption_text(measure: str, group: str) -> str:
    parts = caption_parts(measure, group)
    cites = "; ".join(
        f"{bibliography.in_text(k)} ({bibliography.link(k)})" for k in sources(measure, group)
    )
    body = " ".join(p for p in (parts["shows"], parts["notes"]) if p)
    return f"{body}\n{parts['why']}\nSources: {cites}"


# --- the widget --------------------------------------------------------------------------------


def _with_preview_class():
    from selfcheck.display import WithPreview

    class PrevalenceExplorer(WithPreview):
        """The live explorer plus a static preview of its first view."""

        def __init__(self, measure: str, group: str):
            import ipywidgets as w

            self.measure = w.Dropdown(
                options=[(label, key) for key, label in EXPLORER_MEASURES.items()],
                value=measure,
                description="Measure:",
                description_allow_html=False,
            )
            self.group = w.Dropdown(
                options=[(label, key) for key, label in GROUPS.items()],
                value=group,
                description="Group:",
            )
            png = figure_png(measure, group)
            self.image = w.HTML(_img(png, measure, group))
            self.caption = w.HTML(caption_html(measure, group))
            for control in (self.measure, self.group):
                control.observe(self._update, names="value")
            box = w.VBox([w.HBox([self.measure, self.group]), self.image, self.caption])
            preview_html = (
                f'<figure style="margin:0">{self.image.value}'
                f"<figcaption>{caption_html(measure, group)}</figcaption></figure>"
            )
            super().__init__(box, html=preview_html, text=caption_text(measure, group), png=png)

        def _update(self, _change=None):
            m, g = self.measure.value, self.group.value
            self.image.value = _img(figure_png(m, g), m, g)
            self.caption.value = caption_html(m, g)

    return PrevalenceExplorer


def _img(png: bytes, measure: str, group: str) -> str:
    return img_html(png, caption_parts(measure, group)["shows"], max_width="750px")


def prevalence_explorer(measure: str = "lifetime", group: str = "all"):
    """Show the prevalence explorer in a notebook: `prevalence_explorer()` as a cell's last line."""
    if measure not in EXPLORER_MEASURES:
        raise ValueError(f"unknown measure {measure!r}; use one of: {', '.join(EXPLORER_MEASURES)}")
    select(measure, group)  # validates the group with a clear message
    return _with_preview_class()(measure, group)
