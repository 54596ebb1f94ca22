"""Hormones around orgasm: published measurements, and a schematic that is clearly not data.

The learner flips between two views with a toggle:

* "Measured points": only values the sources report, one panel per hormone and unit (the studies
  used different units and different people, so their numbers are never put on one scale).
  The values are read from the bibliography's ``findings`` so a figure can never drift from the
  source it cites.
* "Schematic (not data)": smooth made-up curves that show the general shape the studies
  describe. It is labelled as an illustration in the title, on the axis and in the caption,
  because a smooth curve looks like data even when it is not.

The widget stores nothing and sends nothing; it only redraws a PNG. The words are in
data/tools/hormones.yaml.
"""

from __future__ import annotations

import functools
import math

from pcd import bibliography, figures

from . import _data
from ._tool import Figure, Tool, choice, shown

MEASURED = "measured"
SCHEMATIC = "schematic"
VIEWS = (MEASURED, SCHEMATIC)

SPEC = {
    "sources": [str],
    "toggle_label": str,
    "views": [
        {
            "id": str,
            "label": str,
            "tooltip": str,
            "sources_label": str,
            "title": str,
            "description": str,
        }
    ],
}


def words() -> dict:
    data = _data.load("hormones", SPEC)
    _data.require_ids(data, "views", VIEWS, "hormones.yaml")
    return data


def view_words(view: str) -> dict:
    choice(view, VIEWS, "view")
    return next(v for v in words()["views"] if v["id"] == view)


def sources() -> tuple[str, ...]:
    """Every key the figure draws on; the notebook cites them too."""
    return tuple(words()["sources"])


_X_RANGE = (-8, 70)  # minutes relative to orgasm


def measurements() -> dict:
    """The published values the measured view plots, taken from the bibliography."""
    blaicher = bibliography.entry("blaicher1999")["findings"]
    murphy = bibliography.entry("murphy1987")["findings"]
    exton = bibliography.entry("exton2001")["findings"]
    ox_w = blaicher["oxytocin_pg_ml"]
    ox_m = murphy["oxytocin_pmol_l"]
    return {
        "oxytocin_women": {
            "unit": "pg/mL",
            "sample": blaicher["sample"],
            "baseline": float(ox_w["baseline"]),
            "points": [
                (1.0, float(ox_w["min_1_after_orgasm"])),
                (5.0, float(ox_w["min_5_after_orgasm"])),
            ],
        },
        "oxytocin_men": {
            "unit": "pmol/L",
            "baseline": float(ox_m["baseline"]),
            "points": [(0.0, float(ox_m["ejaculation"]))],
            "still_raised_at": float(murphy["still_raised_at_min"]),
            "baseline_by": float(murphy["back_to_baseline_by_min"]),
        },
        "prolactin": {
            "sample": exton["sample"],
            "sampled_until": float(exton["sampling_minutes"]["after"]),
            "raised_at_end": bool(exton["prolactin_raised_at_60_min"]),
        },
    }


def _num(value: float, decimals: int = 1) -> str:
    # Print as many decimals as the source reported (YAML reads "14.00" as 14.0).
    return f"{value:.{decimals}f}"


# --- the two figures ----------------------------------------------------------------------------


def _measured_inputs() -> tuple:
    """Everything the measured figure is drawn from: values, citations, title."""
    cites = {key: bibliography.in_text(key) for key in ("blaicher1999", "murphy1987", "exton2001")}
    return measurements(), cites, view_words(MEASURED)["title"]


def _measured_figure(m: dict, cites: dict, title: str):
    pal = figures.PALETTE
    fig, axes = figures.new_figure(
        7.5, 7.8, nrows=3, ncols=1, sharex=True, height_ratios=[1, 1, 0.55]
    )
    fig.suptitle(title, fontsize=13)

    # A: oxytocin in women (Blaicher 1999)
    ax = axes[0]
    w = m["oxytocin_women"]
    xs, ys = zip(*w["points"], strict=False)
    ax.axhline(w["baseline"], color=pal["grey"], linestyle="--", linewidth=1.5)
    ax.text(
        _X_RANGE[0] + 0.5,
        w["baseline"] - 0.35,
        f"before sex: {_num(w['baseline'], 2)}",
        color=pal["grey"],
        va="top",
        fontsize=11,
    )
    ax.plot(xs, ys, color=pal["blue"], marker="o", markersize=9, linewidth=2)
    for x, y in w["points"]:
        ax.annotate(_num(y, 2), (x, y), textcoords="offset points", xytext=(10, 4), fontsize=11)
    ax.set_ylim(10.5, 15)
    ax.set_ylabel("Oxytocin\n(pg/mL)")
    ax.set_title(
        f"A. Oxytocin, {w['sample']} ({cites['blaicher1999']})",
        loc="left",
        fontsize=12,
    )

    # B: oxytocin in men (Murphy 1987)
    ax = axes[1]
    men = m["oxytocin_men"]
    ax.axhline(men["baseline"], color=pal["grey"], linestyle="--", linewidth=1.5)
    ax.text(
        50,
        men["baseline"] + 0.3,
        f"before sex: {_num(men['baseline'])}",
        color=pal["grey"],
        va="bottom",
        fontsize=11,
    )
    x0, y0 = men["points"][0]
    ax.plot([x0], [y0], color=pal["vermillion"], marker="s", markersize=9, linestyle="none")
    ax.annotate(
        f"{_num(y0)} at ejaculation",
        (x0, y0),
        textcoords="offset points",
        xytext=(10, -4),
        fontsize=11,
    )
    # Reported in words only: a band "still raised", and "back to baseline" as an open marker.
    ax.axvspan(x0, men["still_raised_at"], color=pal["orange"], alpha=0.25, hatch="//", linewidth=0)
    ax.text(
        men["still_raised_at"] + 0.8,
        4.6,
        f"still raised at {men['still_raised_at']:g} min\n(no value given)",
        fontsize=11,
        va="center",
    )
    ax.plot(
        [men["baseline_by"]],
        [men["baseline"]],
        marker="o",
        markersize=10,
        markerfacecolor="white",
        markeredgecolor=pal["vermillion"],
        markeredgewidth=2,
        linestyle="none",
    )
    ax.annotate(
        f"back to baseline by {men['baseline_by']:g} min",
        (men["baseline_by"], men["baseline"]),
        textcoords="offset points",
        xytext=(8, -22),
        fontsize=11,
    )
    ax.set_ylim(-0.6, 8.6)
    ax.set_ylabel("Oxytocin\n(pmol/L)")
    ax.set_title(f"B. Oxytocin, men ({cites['murphy1987']})", loc="left", fontsize=12)

    # C: prolactin (Exton 2001): the source reports a duration, not values we can plot.
    ax = axes[2]
    p = m["prolactin"]
    ax.broken_barh(
        [(0, p["sampled_until"])],
        (0.25, 0.5),
        facecolors=pal["green"],
        edgecolor="black",
        hatch="..",
        alpha=0.8,
    )
    ax.annotate(
        "",
        xy=(_X_RANGE[1] - 0.5, 0.5),
        xytext=(p["sampled_until"], 0.5),
        arrowprops={"arrowstyle": "->", "linewidth": 2, "linestyle": ":"},
    )
    ax.text(
        1,
        0.85,
        "rose after orgasm, and was still raised\n"
        f"when sampling stopped at {p['sampled_until']:g} minutes",
        fontsize=11,
        va="bottom",
    )
    ax.set_ylim(0, 1.75)
    ax.set_yticks([])
    ax.set_ylabel("Prolactin\n(no values)")
    ax.set_title(
        f"C. Prolactin, {p['sample']} ({cites['exton2001']})",
        loc="left",
        fontsize=12,
    )

    for ax in axes:
        ax.axvline(0, color="black", linewidth=1)
        ax.set_xlim(*_X_RANGE)
    axes[0].text(0.3, 14.9, "orgasm", fontsize=11, va="top")
    axes[-1].set_xlabel("Time after orgasm (minutes)")
    return fig


def _schematic_curves(t: float) -> tuple[float, float]:
    """Made-up smooth shapes (1 = level before sex). Only the general shape follows the studies."""
    if t < 0:
        return 1 + 1.5 * math.exp(t / 2), 1.0
    oxytocin = 1 + 1.5 * math.exp(-t / 6)  # back near baseline by about 30 minutes
    prolactin = 1 + 1.2 * (1 - math.exp(-t / 4)) * math.exp(-t / 120)  # still up at 60 minutes
    return oxytocin, prolactin


def _schematic_figure(title: str):
    fig, ax = figures.new_figure(7.5, 4.8)
    pal = figures.PALETTE
    ts = [_X_RANGE[0] + i * 0.25 for i in range(int((_X_RANGE[1] - _X_RANGE[0]) / 0.25) + 1)]
    ox, pr = zip(*(_schematic_curves(t) for t in ts), strict=False)
    ax.axhline(1, color=pal["grey"], linestyle="--", linewidth=1.5)
    ax.plot(
        ts,
        ox,
        color=pal["blue"],
        linewidth=3,
        label="Oxytocin: quick peak, gone within about 30 min",
    )
    ax.plot(
        ts,
        pr,
        color=pal["green"],
        linewidth=3,
        linestyle=(0, (6, 3)),
        label="Prolactin: rises, still up after an hour",
    )
    ax.axvline(0, color="black", linewidth=1)
    ax.text(0.5, 2.62, "orgasm", fontsize=11, va="top")
    ax.text(
        44,
        1.5,
        "ILLUSTRATION\nNOT DATA",
        fontsize=20,
        color=pal["grey"],
        alpha=0.45,
        ha="center",
        va="center",
        fontweight="bold",
    )
    ax.set_xlim(*_X_RANGE)
    ax.set_ylim(0.6, 2.7)
    ax.set_yticks([1])
    ax.set_yticklabels(["before\nsex"])
    ax.set_ylabel("Level (illustration, no units)")
    ax.set_xlabel("Time after orgasm (minutes)")
    ax.set_title(title, loc="left")
    ax.legend(loc="upper right", frameon=False)
    return fig


def figure_png(view: str) -> bytes:
    """The PNG for a view (cached while the data files are unchanged: drawing is slow)."""
    return _figure_png(choice(view, VIEWS, "view"), _data.stamp(bibliography.path(), "hormones"))


@functools.lru_cache(maxsize=4)
def _figure_png(view: str, _stamp) -> bytes:
    if view == MEASURED:
        return figures.cached_png(_measured_figure, *_measured_inputs())
    return figures.cached_png(_schematic_figure, view_words(SCHEMATIC)["title"])


# --- words under the figure ---------------------------------------------------------------------


def description(view: str) -> str:
    """The one-to-two sentence text description shown under the figure (plain text)."""
    template = view_words(view)["description"]
    m = measurements()
    w, men, p = m["oxytocin_women"], m["oxytocin_men"], m["prolactin"]
    (_x1, y1), (_x5, y5) = w["points"]
    values = {
        "women_sample": w["sample"],
        "women_baseline": _num(w["baseline"], 2),
        "women_1_min": _num(y1, 2),
        "women_5_min": _num(y5, 2),
        "men_baseline": _num(men["baseline"]),
        "men_ejaculation": _num(men["points"][0][1]),
        "men_still_raised_at": f"{men['still_raised_at']:g}",
        "men_baseline_by": f"{men['baseline_by']:g}",
        "prolactin_sample": p["sample"],
        "prolactin_sampled_until": f"{p['sampled_until']:g}",
    }
    return _data.fill(template, values, f"hormones.yaml: view '{view}': field 'description'")


def figure(view: str) -> Figure:
    """The figure block for a view: the PNG, its description and the sources."""
    return Figure(
        png=figure_png(view),
        alt=description(view),
        caption=(description(view),),
        sources=sources(),
        sources_label=view_words(view)["sources_label"],
        max_width="760px",
    )


# --- the widget ---------------------------------------------------------------------------------


class HormoneTimeline(Tool):
    """The live tool: a toggle, the figure, and its caption. Tests drive `toggle`."""

    css_class = "pcd-hormones"

    def __init__(self, view: str = MEASURED):
        self._start = choice(view, VIEWS, "view")
        super().__init__()

    def build(self):
        import ipywidgets as w

        data = words()
        self.toggle = w.ToggleButtons(
            options=[(v["label"], v["id"]) for v in data["views"]],
            value=self._start,
            description=data["toggle_label"],
            tooltips=[v["tooltip"] for v in data["views"]],
            style={"button_width": "auto"},
        )
        self.image = w.HTML(layout=w.Layout(max_width="760px"))
        self.caption = w.HTML()
        self.toggle.observe(self.update, names="value")
        return w.VBox([self.toggle, self.image, self.caption], layout=w.Layout(max_width="780px"))

    def update(self, _change=None) -> None:
        shown = figure(self.toggle.value)
        self.image.value = shown.img_html()
        self.caption.value = shown.caption_html()

    def preview_blocks(self) -> list:
        return [figure(self.toggle.value)]


def hormone_timeline(view: str = MEASURED):
    """The notebook's call: the live timeline, with its static preview (or a kind note if it cannot be built)."""
    return shown(HormoneTimeline, view)


def check_data() -> None:
    """Raise ToolDataError if hormones.yaml has a problem."""
    for view in VIEWS:
        description(view)
