"""Notebook 07's tools: a conversation-starter builder and the sex-context chart.

The builder turns a situation and a few ticks into gentle, blame-free "I" sentences the
learner can adapt. The wording is ours, not a script from a study: communication research
says the quality of talk about sex matters, but it has not tested particular sentences.
Nothing the learner picks or types is stored or sent; a typed name is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import ipywidgets as widgets
from selfcheck.display import WithPreview

# --- conversation builder -------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    label: str
    role: str  # "self": the learner felt it; "support": their partner did
    opening: str


SITUATIONS: dict[str, Situation] = {
    "cried": Situation(
        "I cried after sex and my partner looked worried",
        "self",
        "I'd like to talk about the time I cried after we had sex.",
    ),
    "withdraw": Situation(
        "I feel low after sex and pull away",
        "self",
        "I've noticed that I sometimes feel low after sex and go quiet. I'd like to explain.",
    ),
    "support": Situation(
        "My partner cries or seems low after sex, and I don't know what to do",
        "support",
        "I noticed you seemed sad after we had sex. I care about you.",
    ),
}

# (id, checkbox label, sentence). Every sentence is an "I" statement or an offer: it says what
# the speaker feels or needs and asks nothing the other person must justify.
MESSAGES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "self": (
        ("not_you", "It's not about you", "It isn't about you, and you didn't do anything wrong."),
        (
            "enjoyed",
            "I enjoyed it",
            "I enjoyed being close to you. The feeling afterwards doesn't change that.",
        ),
        (
            "dont_know",
            "I don't know why yet",
            "I don't fully know why it happens yet. I'm trying to understand it too.",
        ),
        (
            "minutes",
            "I need a few minutes",
            "Sometimes I need a few quiet minutes afterwards. That isn't me pushing you away.",
        ),
        ("hug", "I'd like a hug", "A hug afterwards would help me."),
        (
            "later",
            "I'd like to talk later",
            "I'd like to talk about it more at a calm time, not straight after sex.",
        ),
    ),
    "support": (
        ("here", "I'm here for you", "I'm here for you."),
        ("no_explain", "You don't have to explain", "You don't have to explain, or even know why."),
        ("not_upset", "I'm not upset with you", "I'm not upset with you."),
        (
            "need",
            "What would help?",
            "Would a hug help, or would you like some space? Either is fine with me.",
        ),
        (
            "enjoyed",
            "I enjoy being close to you",
            "I enjoy being close to you, and that hasn't changed.",
        ),
        (
            "later",
            "We can talk later",
            "If you ever want to talk about it, I'd like to listen, whenever suits you.",
        ),
    ),
}

SITUATION_LABEL = "Your situation:"
NAME_LABEL = "Partner's name (optional):"
NAME_PLACEHOLDER = "Leave blank if you like"
NAME_MAX = 40
WANT_HEADING = "What would you like your partner to know?"
RESULT_HEADING = "Words you could adapt"
PICK_SOMETHING = "Tick one or more things above, and the words will appear here."
NAME_TOO_LONG = f"That name is long, so only the first {NAME_MAX} characters are used."
TIPS = (
    "Change any words so they sound like you.",
    "You don't have to say it all at once.",
    "Nothing you choose or type here is saved or sent.",
)


def clean_name(raw: str) -> tuple[str, bool]:
    """The name to use (spaces tidied, at most NAME_MAX characters) and whether it was cut."""
    name = re.sub(r"\s+", " ", raw or "").strip()
    return name[:NAME_MAX].rstrip(), len(name) > NAME_MAX


def wording(situation: str, chosen: list[str], name: str = "") -> list[str]:
    """The sentences for a situation and the chosen message ids, in a fixed order."""
    sit = SITUATIONS[situation]
    opening = f"{name}, {sit.opening}" if name else sit.opening
    picked = set(chosen)
    return [opening] + [text for mid, _label, text in MESSAGES[sit.role] if mid in picked]


class ConversationBuilder:
    """The live builder: situation, optional name, ticks, and the wording they give."""

    def __init__(self) -> None:
        self.situation = widgets.Dropdown(
            options=[(s.label, key) for key, s in SITUATIONS.items()],
            value="cried",
            description=SITUATION_LABEL,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.name = widgets.Text(
            value="",
            description=NAME_LABEL,
            placeholder=NAME_PLACEHOLDER,
            style={"description_width": "initial"},
            continuous_update=True,
        )
        self.boxes: dict[str, dict[str, widgets.Checkbox]] = {}
        for role, messages in MESSAGES.items():
            self.boxes[role] = {
                mid: widgets.Checkbox(
                    value=False,
                    description=label,
                    indent=False,
                    layout=widgets.Layout(width="auto"),
                    style={"description_width": "initial"},
                )
                for mid, label, _text in messages
            }
        self.want_heading = widgets.HTML(f"<p><strong>{html.escape(WANT_HEADING)}</strong></p>")
        self.options = widgets.VBox()
        self.result = widgets.HTML()
        for control in (self.situation, self.name):
            control.observe(self._update, names="value")
        for boxes in self.boxes.values():
            for box in boxes.values():
                box.observe(self._update, names="value")
        self.widget = widgets.VBox(
            [
                widgets.HTML("<p><strong>Conversation starter</strong></p>"),
                self.situation,
                self.want_heading,
                self.options,
                self.name,
                self.result,
            ],
            layout=widgets.Layout(max_width="760px"),
        )
        self._update()

    @property
    def role(self) -> str:
        return SITUATIONS[self.situation.value].role

    def chosen(self) -> list[str]:
        """Ticked message ids for the current situation (ticks for another role are ignored)."""
        return [mid for mid, box in self.boxes[self.role].items() if box.value]

    def _update(self, _change=None) -> None:
        self.options.children = tuple(self.boxes[self.role].values())
        self.result.value = self._result_html()

    def _result_html(self) -> str:
        name, cut = clean_name(self.name.value)
        notes = f"<p>{html.escape(NAME_TOO_LONG)}</p>" if cut else ""
        chosen = self.chosen()
        if not chosen:
            return f"{notes}<p>{html.escape(PICK_SOMETHING)}</p>"
        sentences = wording(self.situation.value, chosen, name)
        said = " ".join(html.escape(s) for s in sentences)
        tips = "".join(f"<li>{html.escape(t)}</li>" for t in TIPS)
        return (
            f"{notes}<p><strong>{html.escape(RESULT_HEADING)}</strong></p>"
            f'<blockquote style="border-left:4px solid #0072B2;margin:0.5em 0;padding:0.25em 1em">'
            f"{said}</blockquote><ul>{tips}</ul>"
        )


def _builder_preview() -> tuple[str, str]:
    example = wording("cried", ["not_you", "dont_know", "hug"])
    sits = "".join(f"<li>{html.escape(s.label)}</li>" for s in SITUATIONS.values())
    html_text = (
        "<div><p><strong>Conversation starter</strong></p>"
        "<p>Run this notebook to pick a situation and what you want your partner to know. "
        "Gentle wording to adapt appears here. Situations:</p>"
        f"<ul>{sits}</ul><p>For example:</p>"
        f"<blockquote>{html.escape(' '.join(example))}</blockquote></div>"
    )
    text = (
        "Conversation starter. Run this notebook to pick a situation and what you want your "
        "partner to know.\nSituations:\n"
        + "\n".join(f"- {s.label}" for s in SITUATIONS.values())
        + "\nFor example: "
        + " ".join(example)
    )
    return html_text, text


def conversation_builder() -> WithPreview:
    """Display the builder (live in a kernel, a static preview elsewhere)."""
    tool = ConversationBuilder()
    html_text, text = _builder_preview()
    return WithPreview(tool.widget, html=html_text, text=text)


# --- context chart --------------------------------------------------------------------------

CONTEXT_KEY = "contexts2024"
CONTEXTS = (
    ("context_relationship", "Sex in a\nrelationship"),
    ("context_casual", "Casual sex"),
    ("context_masturbation", "Masturbation"),
)


def context_rows() -> dict[tuple[str, str], tuple[float, int]]:
    """(sex, measure) -> (percent, n) for the 2024 study, read from the bibliography."""
    from pcd import bibliography

    rows = bibliography.entry(CONTEXT_KEY)["findings"]["prevalence"]
    return {(r["sex"], r["measure"]): (float(r["percent"]), int(r["n"])) for r in rows}


def _describe(rows) -> str:
    def pct(sex, measure):
        return f"{rows[(sex, measure)][0]:g}%"

    return (
        f"Women reported PCD most often after casual sex ({pct('women', 'context_casual')}) "
        f"and least often after sex in a relationship ({pct('women', 'context_relationship')}). "
        f"Men reported it most often after masturbation ({pct('men', 'context_masturbation')}) "
        f"and least often after sex in a relationship ({pct('men', 'context_relationship')})."
    )


def context_chart() -> WithPreview:
    """Grouped bars: share of women and men in the 2024 study who reported PCD, by setting."""
    from pcd import bibliography, figures

    rows = context_rows()
    fig, ax = figures.new_figure(7.5, 4.2)
    groups = (("women", figures.PALETTE["blue"], ""), ("men", figures.PALETTE["orange"], "//"))
    width = 0.38
    for i, (sex, colour, hatch) in enumerate(groups):
        n = rows[(sex, CONTEXTS[0][0])][1]
        xs = [j + (i - 0.5) * width for j in range(len(CONTEXTS))]
        values = [rows[(sex, measure)][0] for measure, _label in CONTEXTS]
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
    ax.set_xticks(range(len(CONTEXTS)), [label for _m, label in CONTEXTS])
    ax.set_ylim(0, 100)
    ax.set_ylabel("Reported PCD in this setting (%)")
    ax.set_xlabel("Kind of sexual activity")
    ax.set_title("PCD by setting in one 2024 study")
    ax.legend(loc="upper left", frameon=False)
    png = figures.png_bytes(fig)

    description = _describe(rows)
    caveat = "This was one small sample, and the study cannot say why the settings differ."
    source_html = f"Source: {bibliography.cite_html(CONTEXT_KEY)}"
    source_text = f"Source: {bibliography.in_text(CONTEXT_KEY)} ({bibliography.link(CONTEXT_KEY)})"
    alt = "Grouped bar chart of PCD by setting for women and men. " + description
    caption = f"<p>{html.escape(description)} {html.escape(caveat)}</p><p>{source_html}</p>"

    # The chart never changes, so the live widget is the preview itself.
    figure_html = (
        f'<figure style="margin:0">{figures.img_html(png, alt, max_width="700px")}'
        f"<figcaption>{caption}</figcaption></figure>"
    )
    text = f"{alt}\n{caveat}\n{source_text}"
    return WithPreview(widgets.HTML(figure_html), html=figure_html, text=text, png=png)
