"""Explainer: what "associated with" means, and why it is not "caused by".

The learner picks a published finding from a list. The tool says what its number means in plain
words, draws it (a 100-square grid for a share of variance, two bars for an odds ratio) and lists
the three reasons a link does not show cause: another factor, direction and chance.

Everything is fixed data and deterministic drawing: the tool stores nothing and sends nothing.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass

from pcd import figures
from pcd.bibliography import cite_html, in_text
from pcd.labels import badge_html

# Fixed scale for every odds-ratio chart, so a modest link (1.3) looks modest next to a strong
# one (6.34) instead of each chart stretching to fill the width.
ODDS_AXIS_MAX = 7.0
GRID_SIZE = 10  # 10 x 10 = 100 squares, one per percent


@dataclass(frozen=True)
class Finding:
    id: str
    label: str  # dropdown text
    kind: str  # "variance" (value in %), "correlation" (value is r) or "odds" (value is OR)
    value: float
    source: str  # bibliography key
    evidence: str  # pcd.labels level
    what: str  # what was measured, one sentence
    plain: str  # what the number means in plain words
    other: str  # another factor could explain both
    direction: str  # the cause could run the other way
    chance: str  # it could be chance
    bar_labels: tuple[str, str] = ("", "")  # odds charts: comparison group, group with the factor


# The twins study gave two odds ratios for the same comparison, so they share their caveats.
_TWINS_ABUSE_CAVEATS = dict(
    other="The study allowed for some other factors, but no study can allow for everything.",
    direction=(
        "Even when one thing happened earlier, that alone does not prove it caused what came later."
    ),
    chance="With an OR this close to 1, a slightly different sample could move it.",
    bar_labels=("Had not experienced abuse", "Had experienced abuse"),
)

FINDINGS: tuple[Finding, ...] = (
    Finding(
        id="variance-22",
        label="Women students: all factors together (22% explained)",
        kind="variance",
        value=22,
        source="schweitzer2015",
        evidence="one",
        what=(
            "In 230 women students, the researchers put all their measured factors into one "
            "model to see how much of the differences in lifetime PCD they could explain."
        ),
        plain=(
            "Together, the factors explained 22% of the differences between people. That is 22 "
            "squares out of 100. The other 78 squares are differences the study could not "
            "explain. So these factors are only a small part of the picture."
        ),
        other=(
            "Most of the differences were not explained by what the study measured. Things it "
            "did not measure could also be behind the links it found."
        ),
        direction="The survey was taken once, so it cannot show what came first.",
        chance=("This is one sample of 230 students. A new sample could give a different number."),
    ),
    Finding(
        id="correlation-016",
        label="Women students: PCD and sexual functioning (r = -0.16)",
        kind="correlation",
        value=-0.16,
        source="schweitzer2015",
        evidence="one",
        what=(
            "In the same 230 women students, the researchers checked whether lifetime PCD went "
            "with how well their sex lives worked (sexual functioning)."
        ),
        plain=(
            "A correlation (r) runs from -1 to 1, and 0 means no link. At -0.16, the link is "
            "weak: women who had felt PCD reported slightly poorer sexual functioning, on "
            "average. Squaring r gives the share of differences the two have in common: about "
            "3 squares out of 100."
        ),
        other=("Something else, such as general stress or health, could affect both at once."),
        direction=(
            "Poorer sexual functioning could add to PCD, or PCD could make sex feel less good. "
            "The study cannot tell which."
        ),
        chance="A link this weak can come and go from one sample to the next.",
    ),
    Finding(
        id="odds-13",
        label="UK women twins: abuse and recent symptoms (OR 1.3)",
        kind="odds",
        value=1.3,
        source="burri2011",
        evidence="one",
        what=(
            "In 1,489 UK women twins, the researchers compared the odds of recent after-sex "
            "symptoms in women who had and had not experienced abuse."
        ),
        plain=(
            "An odds ratio (OR) compares two groups. 1 means no difference. At 1.3, the odds of "
            "recent symptoms were about 30% higher in women who had experienced abuse. That is a "
            "modest link, and it says nothing about any one person."
        ),
        **_TWINS_ABUSE_CAVEATS,
    ),
    Finding(
        id="odds-116",
        label="UK women twins: abuse and lasting symptoms (OR 1.16)",
        kind="odds",
        value=1.16,
        source="burri2011",
        evidence="one",
        what=(
            "In the same twins study, the researchers also looked at after-sex symptoms that "
            "lasted over time."
        ),
        plain=(
            "At 1.16, the odds of lasting symptoms were about 16% higher in women who had "
            "experienced abuse. That is a small link, and it says nothing about any one person."
        ),
        **_TWINS_ABUSE_CAVEATS,
    ),
    Finding(
        id="odds-634",
        label="British women: painful sex and anxiety about sex (OR 6.34)",
        kind="odds",
        value=6.34,
        source="mitchell2017",
        evidence="one",
        what=(
            "In a large British survey, researchers compared women who did and did not report "
            "painful sex, and asked about anxiety about sex."
        ),
        plain=(
            "At 6.34, women with painful sex had about 6 times the odds of anxiety about sex. "
            "That is a strong link. Even so, a strong link is still not proof of cause."
        ),
        other="Something else, such as low mood, could feed both pain and anxiety.",
        direction=(
            "Pain could lead to anxiety, or anxiety could lead to tension and pain. Or both. "
            "The survey cannot tell."
        ),
        chance=(
            "A link this strong in a large survey is unlikely to be luck. But chance is only "
            "one of the three reasons."
        ),
        bar_labels=("No painful sex", "Painful sex"),
    ),
)

_BY_ID = {f.id: f for f in FINDINGS}

SUPPORT_NOTE = (
    "If this topic touches your own life, you are not alone. Notebook 08, in the section "
    "“Where to get help”, lists people you can talk to."
)


def finding(finding_id: str) -> Finding:
    try:
        return _BY_ID[finding_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise ValueError(f"unknown finding {finding_id!r}; use one of: {known}") from None


def squares_filled(f: Finding) -> int:
    """How many of the 100 squares stand for the explained share."""
    if f.kind == "variance":
        share = f.value
    elif f.kind == "correlation":
        share = 100 * f.value**2  # r squared: the share of differences two measures have in common
    else:
        raise ValueError(f"{f.id}: an odds ratio is not a share of 100")
    return round(share)


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
def figure_png(finding_id: str) -> bytes:
    return figures.png_bytes(make_figure(finding(finding_id)))


def explanation_html(f: Finding) -> str:
    """Everything but the picture: the number in plain words and why it is not a cause."""
    esc = html.escape
    parts = [
        # Bold text, not a heading: an <h4> under the notebook's <h2> would skip a level.
        f"<p style='margin:0.3em 0;font-size:1.1em'><b>{esc(f.label)}</b></p>",
        f"<p>{esc(f.what)} {badge_html(f.evidence)}</p>",
        f"<p><b>What the number means:</b> {esc(f.plain)}</p>",
        "<p><b>Why a link does not show cause:</b></p>",
        "<ul>",
        f"<li><b>Another factor:</b> {esc(f.other)}</li>",
        f"<li><b>Direction:</b> {esc(f.direction)}</li>",
        f"<li><b>Chance:</b> {esc(f.chance)}</li>",
        "</ul>",
    ]
    if f.source == "burri2011":
        parts.append(f"<p><i>{esc(SUPPORT_NOTE)}</i></p>")
    return "".join(parts)


def caption_html(f: Finding) -> str:
    # Underlined, so the link does not rely on colour alone to stand out from the text.
    source = cite_html(f.source).replace("<a ", '<a style="text-decoration:underline" ', 1)
    return (
        f"<p style='font-size:0.95em'>{html.escape(figure_description(f))}<br>Source: {source}</p>"
    )


def _text_version(f: Finding) -> str:
    return "\n".join(
        [
            f.label,
            f.what,
            f"What the number means: {f.plain}",
            "Why a link does not show cause:",
            f"- Another factor: {f.other}",
            f"- Direction: {f.direction}",
            f"- Chance: {f.chance}",
            f"Figure: {figure_description(f)}",
            f"Source: {in_text(f.source)}",
        ]
    )


def image_html(f: Finding) -> str:
    """The figure as an <img> with alt text. (An ipywidgets.Image cannot carry alt text, which
    screen readers need, so the live tool shows this HTML too.)"""
    return figures.img_html(figure_png(f.id), figure_description(f))


def _preview_html(f: Finding) -> str:
    others = "".join(f"<li>{html.escape(o.label)}</li>" for o in FINDINGS if o is not f)
    return (
        "<div class='pcd-association'>"
        + explanation_html(f)
        + image_html(f)
        + caption_html(f)
        + "<p><i>Run this cell to choose another finding:</i></p>"
        + f"<ul>{others}</ul></div>"
    )


def association_explainer(start: str = FINDINGS[0].id):
    """The live explainer, wrapped with a static preview for places without a kernel."""
    import ipywidgets as w
    from selfcheck.display import WithPreview

    first = finding(start)
    picker = w.Dropdown(
        options=[(f.label, f.id) for f in FINDINGS],
        value=first.id,
        description="Finding:",
        style={"description_width": "initial"},
        layout=w.Layout(width="max-content"),
    )
    text = w.HTML(explanation_html(first))
    image = w.HTML(image_html(first))
    caption = w.HTML(caption_html(first))

    def show(change):
        f = finding(change["new"])
        text.value = explanation_html(f)
        image.value = image_html(f)
        caption.value = caption_html(f)

    picker.observe(show, names="value")
    box = w.VBox([picker, text, image, caption], layout=w.Layout(max_width="800px"))
    box.add_class("pcd-association")
    return WithPreview(
        box, html=_preview_html(first), text=_text_version(first), png=figure_png(first.id)
    )
