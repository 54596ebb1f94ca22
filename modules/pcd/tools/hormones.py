"""Hormones around orgasm: published measurements, and a schematic that is clearly not data.

The learner flips between two views with a toggle:

* "Measured points": only values the sources report, one panel per hormone and unit (the studies
  used different units and different people, so their numbers are never put on one scale).
  The values are read from the bibliography's ``findings`` so a figure can never drift from the
  source it cites.
* "Schematic (not data)": smooth made-up curves that show the general shape the studies
  describe. It is labelled as an illustration in the title, on the axis and in the caption,
  because a smooth curve looks like data even when it is not.

The widget stores nothing and sends nothing; it only redraws a PNG.
"""

from __future__ import annotations

import functools
import html
import math

import ipywidgets as widgets
from selfcheck.display import WithPreview

from pcd import bibliography, figures

MEASURED = "Measured points"
SCHEMATIC = "Schematic (not data)"
VIEWS = (MEASURED, SCHEMATIC)

# Every key the figure draws on; the notebook cites them too.
SOURCES = ("blaicher1999", "murphy1987", "exton2001")

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


def _measured_figure():
    m = measurements()
    pal = figures.PALETTE
    fig, axes = figures.new_figure(
        7.5, 7.8, nrows=3, ncols=1, sharex=True, height_ratios=[1, 1, 0.55]
    )
    fig.suptitle("Measured: hormones after orgasm (separate studies, separate units)", fontsize=13)

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
        f"A. Oxytocin, {w['sample']} ({bibliography.in_text('blaicher1999')})",
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
    ax.set_title(
        f"B. Oxytocin, men ({bibliography.in_text('murphy1987')})", loc="left", fontsize=12
    )

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
        f"C. Prolactin, {p['sample']} ({bibliography.in_text('exton2001')})",
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


def _schematic_figure():
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
    ax.set_title("Schematic, not data: the general shape only", loc="left")
    ax.legend(loc="upper right", frameon=False)
    return fig


@functools.cache
def figure_png(view: str) -> bytes:
    """The PNG for a view (cached: the figures never change while the kernel runs)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    fig = _measured_figure() if view == MEASURED else _schematic_figure()
    return figures.png_bytes(fig)


# --- words under the figure ---------------------------------------------------------------------


def description(view: str) -> str:
    """The one-to-two sentence text description shown under the figure (plain text)."""
    m = measurements()
    if view == MEASURED:
        w, men, p = m["oxytocin_women"], m["oxytocin_men"], m["prolactin"]
        (x1, y1), (x5, y5) = w["points"]
        return (
            f"Measured values only. A: in {w['sample']}, oxytocin was {_num(w['baseline'], 2)} pg/mL "
            f"before sex, {_num(y1, 2)} one minute after orgasm and {_num(y5, 2)} after five minutes. "
            f"B: in men, oxytocin rose from {_num(men['baseline'])} to {_num(men['points'][0][1])} "
            f"pmol/L at ejaculation, was still raised at {men['still_raised_at']:g} minutes and "
            f"back to baseline by {men['baseline_by']:g}. C: in {p['sample']}, prolactin rose "
            f"after orgasm and was still raised at {p['sampled_until']:g} minutes, when sampling "
            "stopped; the source gives no values to plot. The studies used different units and "
            "different people, so each has its own panel."
        )
    return (
        "This is a drawing, not data. It shows only the general shape the studies report: "
        "oxytocin peaks around orgasm and is back to normal within about half an hour, while "
        "prolactin rises and stays up for over an hour. No study has tracked these hormones "
        "in people with PCD."
    )


def _caption_html(view: str) -> str:
    label = "Sources" if view == MEASURED else "Shape based on"
    sources = "; ".join(bibliography.cite_html(k) for k in SOURCES)
    return (
        f'<p style="max-width:46em;margin:0.3em 0">{html.escape(description(view))}</p>'
        f'<p style="max-width:46em;margin:0.3em 0"><b>{label}:</b> {sources}.</p>'
    )


def _caption_text(view: str) -> str:
    label = "Sources" if view == MEASURED else "Shape based on"
    sources = "; ".join(bibliography.in_text(k) for k in SOURCES)
    return f"{description(view)}\n{label}: {sources}."


# --- the widget ---------------------------------------------------------------------------------


class HormoneTimeline:
    """The live tool: a toggle, the figure, and its caption. Tests drive `toggle`."""

    def __init__(self, view: str = MEASURED):
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
        self.toggle = widgets.ToggleButtons(
            options=list(VIEWS),
            value=view,
            description="Show:",
            tooltips=[
                "Only values reported by the studies",
                "A drawing of the general shape: an illustration, not data",
            ],
            style={"button_width": "auto"},
        )
        self.image = widgets.HTML(layout=widgets.Layout(max_width="760px"))
        self.caption = widgets.HTML()
        self.toggle.observe(self._redraw, names="value")
        self.widget = widgets.VBox(
            [self.toggle, self.image, self.caption],
            layout=widgets.Layout(max_width="780px"),
        )
        self._redraw()

    def _redraw(self, change=None) -> None:
        view = self.toggle.value
        self.image.value = figures.img_html(figure_png(view), description(view))
        self.caption.value = _caption_html(view)

    def preview(self) -> WithPreview:
        view = self.toggle.value
        png = figure_png(view)
        html_text = (
            f"<div><p><b>Show:</b> {html.escape(view)} (run the notebook to switch to "
            f"“{html.escape(SCHEMATIC if view == MEASURED else MEASURED)}”)</p>"
            f"{figures.img_html(png, description(view))}{_caption_html(view)}</div>"
        )
        text = f"[Figure: hormones after orgasm, {view}]\n{_caption_text(view)}"
        return WithPreview(self.widget, html=html_text, text=text, png=png)


def hormone_timeline(view: str = MEASURED) -> WithPreview:
    """Show the hormone timeline; `.widget` is the live ipywidgets tree."""
    return HormoneTimeline(view).preview()
