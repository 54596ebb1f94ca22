"""What every tool shares: the live-plus-preview base, one renderer for HTML and text, figures.

A tool is a `Tool` subclass. `build()` makes the live ipywidgets tree, `update()` refreshes it
from the controls, and `preview()` returns the blocks of its static preview, built from the same
content as the live view. The base shows them together (see selfcheck.display.WithPreview), with
the one run-the-notebook note.

Content is written once as blocks (`P`, `Bullets`, `Quote`, `Figure`) of inline parts (text,
`Strong`, `Em`, `Cite`, `Badge`) and rendered twice: `html()` for notebooks and `text()` for places
that show plain text. Colours are never set here: text inherits the notebook's theme.
"""

from __future__ import annotations

import html as _html
import logging
from dataclasses import dataclass
from typing import Union

from selfcheck.display import WithPreview

from pcd import bibliography, figures, labels

# The one wording every tool's static preview ends with.
RUN_NOTE = "Run the notebook (Run ▸ Run All Cells) to use this tool."
# What a learner reads when a tool cannot be built (a broken data file, a bug): they can do
# nothing about it, so it says the rest still works; the details are for the authors.
SORRY = "This tool could not be shown. The rest of the notebook still works."

log = logging.getLogger("pcd.tools")


# --- inline parts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Em:
    text: str


@dataclass(frozen=True)
class Cite:
    key: str  # a bibliography key: a link in HTML, "In-text (link)" in text


@dataclass(frozen=True)
class Badge:
    level: str  # an evidence level known to pcd.labels


Inline = Union[str, Strong, Em, Cite, Badge]  # noqa: UP007 (a runtime alias, kept readable)


def _inline_html(part) -> str:
    if isinstance(part, str):
        return _html.escape(part)
    if isinstance(part, Strong):
        return f"<strong>{_html.escape(part.text)}</strong>"
    if isinstance(part, Em):
        return f"<em>{_html.escape(part.text)}</em>"
    if isinstance(part, Cite):
        return bibliography.cite_html(part.key)
    if isinstance(part, Badge):
        return labels.badge_html(part.level)
    raise TypeError(f"not an inline part: {part!r}")


def _inline_text(part) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, Strong | Em):
        return part.text
    if isinstance(part, Cite):
        return f"{bibliography.in_text(part.key)} ({bibliography.link(part.key)})"
    if isinstance(part, Badge):
        return labels.badge_text(part.level)
    raise TypeError(f"not an inline part: {part!r}")


def _join(parts, render) -> str:
    return "".join(render(p) for p in parts)


# --- blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class P:
    """A paragraph of inline parts."""

    parts: tuple

    def __init__(self, *parts):
        object.__setattr__(self, "parts", parts)

    def html(self) -> str:
        return f"<p>{_join(self.parts, _inline_html)}</p>"

    def text(self) -> str:
        return _join(self.parts, _inline_text)


@dataclass(frozen=True)
class Bullets:
    """A list; each item is a tuple of inline parts (or one part). `marker` is the text bullet."""

    items: tuple
    marker: str = "- "
    plain: bool = False  # no bullets in HTML either (e.g. the checklist's empty boxes)

    def _items(self):
        return [item if isinstance(item, tuple) else (item,) for item in self.items]

    def html(self) -> str:
        style = ' style="list-style:none;padding-left:0"' if self.plain else ""
        lis = "".join(f"<li>{_join(i, _inline_html)}</li>" for i in self._items())
        return f"<ul{style}>{lis}</ul>"

    def text(self) -> str:
        return "\n".join(self.marker + _join(i, _inline_text) for i in self._items())


class Quote(P):
    """Words the learner could say, set off from the text around them."""

    def html(self) -> str:
        # The rule takes the theme's border colour, so it shows in light and dark themes alike.
        return (
            '<blockquote style="border-left:4px solid var(--jp-brand-color1, #0072B2);'
            f'margin:0.5em 0;padding:0.25em 1em">{_join(self.parts, _inline_html)}</blockquote>'
        )

    def text(self) -> str:
        return "> " + _join(self.parts, _inline_text)


@dataclass(frozen=True)
class Figure:
    """A PNG with alt text, a caption and its sources: the one figure block every tool uses.

    The caption is a tuple of paragraphs (each a tuple of inline parts, or one string)."""

    png: bytes
    alt: str
    caption: tuple = ()
    sources: tuple[str, ...] = ()
    sources_label: str = ""  # default: "Source" or "Sources"
    max_width: str = "750px"

    def _label(self) -> str:
        return self.sources_label or ("Source" if len(self.sources) == 1 else "Sources")

    def _paragraphs(self) -> list[P]:
        paras = [P(*(c if isinstance(c, tuple) else (c,))) for c in self.caption]
        if self.sources:
            cites: list = [Strong(f"{self._label()}:"), " "]
            for i, key in enumerate(self.sources):
                cites += (["; "] if i else []) + [Cite(key)]
            paras.append(P(*cites))
        return paras

    def img_html(self) -> str:
        return figures.img_html(self.png, self.alt, max_width=self.max_width)

    def caption_html(self) -> str:
        return (
            f'<div class="pcd-caption" style="max-width:{self.max_width}">'
            + "".join(p.html() for p in self._paragraphs())
            + "</div>"
        )

    def html(self) -> str:
        return (
            f'<figure style="margin:0">{self.img_html()}'
            f"<figcaption>{self.caption_html()}</figcaption></figure>"
        )

    def text(self) -> str:
        # The caption says what the figure shows (the alt text says it again for screen
        # readers), so the text form is the caption alone.
        return "[Figure] " + "\n".join(p.text() for p in self._paragraphs())


Block = Union[P, Bullets, Quote, Figure]  # noqa: UP007


def html(blocks, css_class: str = "") -> str:
    body = "".join(b.html() for b in blocks)
    return f'<div class="{css_class}">{body}</div>' if css_class else body


def text(blocks) -> str:
    return "\n".join(b.text() for b in blocks)


# --- the base -------------------------------------------------------------------------------


class Tool(WithPreview):
    """Live widgets and a static preview built from the same content.

    Subclasses set `css_class`, and define `build()` (returns the top widget, keeping the
    controls as attributes for tests and `update`), `update()` and `preview_blocks()`.
    """

    css_class = "pcd-tool"
    run_note = True  # False for a tool that looks the same with and without a kernel

    def __init__(self):
        widget = self.build()
        widget.add_class(self.css_class)
        self.update()
        blocks = [*self.preview_blocks(), *([P(Em(RUN_NOTE))] if self.run_note else [])]
        png = next((b.png for b in blocks if isinstance(b, Figure)), None)
        super().__init__(widget, html=html(blocks, self.css_class), text=text(blocks), png=png)

    def build(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self, _change=None) -> None:
        """Bring the output widgets in line with the controls (called after build, and on
        every change a subclass observes)."""

    def preview_blocks(self) -> list:  # pragma: no cover - abstract
        raise NotImplementedError


def checkbox(label: str, on_change, tooltip: str | None = None):
    """An unticked checkbox with its whole label shown (no indent, no cut-off), as every tool
    uses them; `on_change` is called on each tick and untick."""
    import ipywidgets as w

    box = w.Checkbox(
        value=False,
        description=label,
        indent=False,
        tooltip=tooltip,
        layout=w.Layout(width="auto"),
        style={"description_width": "initial"},
    )
    box.observe(on_change, names="value")
    return box


class UnknownChoice(ValueError):
    """A tool was called with an argument it does not know (an author's slip in a notebook)."""


def choice(value: str, known, what: str) -> str:
    """`value` if it is one of `known`, else a clear error naming the choices."""
    if value not in known:
        raise UnknownChoice(f"unknown {what} {value!r}; use one of: {', '.join(known)}")
    return value


def shown(tool_class, *args, **kwargs):
    """The notebook's call: the tool, or, if it cannot be built, a short kind note for the
    learner with the details for the authors (also logged). A bad argument is the author's
    slip in the notebook itself and is raised as it is."""
    try:
        return tool_class(*args, **kwargs)
    except UnknownChoice:
        raise
    except Exception as exc:  # a broken file or a bug must cost one tool, not the page
        from pcd.lesson import Message

        log.exception("%s: the tool could not be built", tool_class.__name__)
        return Message(SORRY, f"{type(exc).__name__}: {exc}")
