"""Every theme: what the module puts on the page takes its colours from JupyterLab's theme.

Outputs set no colour of their own except through JupyterLab's CSS variables (with a light
fallback for GitHub and nbviewer), every colour pair meets WCAG AA in each JupyterLab theme that
ships with JupyterLab and in the fallbacks, and every figure has its own light backing, so it
reads on a dark page. The browser suite runs axe in JupyterLab Light and Dark on top of this.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from pcd import labels
from pcd.lesson import Message

# --- WCAG contrast (test-only maths) ------------------------------------------------------------

_NAMED = {"white": "#ffffff", "black": "#000000"}


def rgb(colour: str, over: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> tuple[float, ...]:
    """'#rgb', '#rrggbb', 'white' or 'rgba(r,g,b,a)' as 0-1 RGB, blended over `over`."""
    colour = _NAMED.get(colour.strip().lower(), colour.strip())
    m = re.fullmatch(r"rgba?\(([^)]*)\)", colour)
    if m:
        parts = [float(p) for p in m.group(1).split(",")]
        alpha = parts[3] if len(parts) == 4 else 1.0
        return tuple(
            alpha * c / 255 + (1 - alpha) * o for c, o in zip(parts[:3], over, strict=True)
        )
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of two 0-1 RGB colours."""

    def luminance(c) -> float:
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_check_can_fail():
    assert contrast_ratio(rgb("#777777"), rgb("#ffffff")) < 4.5
    assert contrast_ratio(rgb("#1a1a1a"), rgb("#111")) < 1.2  # the old dark-theme caption
    assert contrast_ratio(rgb("rgba(0,0,0,.87)"), rgb("white")) > 12


# --- JupyterLab's themes, as installed --------------------------------------------------------

THEMES_DIR = Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes" / "@jupyterlab"
THEMES = sorted(THEMES_DIR.glob("theme-*-extension/index.css"))


def theme_variables(css: Path) -> dict[str, str]:
    return dict(re.findall(r"(--jp-[\w-]+):\s*([^;]+);", css.read_text(encoding="utf-8")))


def resolve(value: str, variables: dict[str, str]) -> str:
    """Follow var(--name, fallback) through the theme's own definitions."""
    m = re.fullmatch(r"var\((--[\w-]+)\s*(?:,\s*(.+))?\)", value.strip())
    if not m:
        return value.strip()
    name, fallback = m.groups()
    if name in variables:
        return resolve(variables[name], variables)
    assert fallback, f"{name} is not defined and has no fallback"
    return resolve(fallback, variables)


def test_jupyterlab_ships_the_themes_we_check():
    names = {p.parent.name for p in THEMES}
    assert {"theme-light-extension", "theme-dark-extension"} <= names, names


@pytest.mark.parametrize(
    "theme", [*THEMES, None], ids=lambda p: p.parent.name if p else "fallbacks"
)
def test_theme_colours_meet_wcag_aa(theme):
    variables = theme_variables(theme) if theme else {}
    page = rgb(resolve(labels.colour("background"), variables))
    text = rgb(resolve(labels.colour("text"), variables), over=page)
    border = rgb(resolve(labels.colour("border"), variables), over=page)
    assert contrast_ratio(text, page) >= 4.5  # WCAG AA, normal text
    assert contrast_ratio(border, page) >= 3.0  # WCAG AA, non-text


# --- no colour of our own in any output ---------------------------------------------------------


def _tool_outputs() -> dict[str, str]:
    from pcd.tools import association, checklist, conversation, hormones, plan, prevalence

    shown = {
        "prevalence": prevalence.prevalence_explorer(),
        "hormones": hormones.hormone_timeline(),
        "association": association.association_explainer("odds-13"),
        "checklist": checklist.clinician_checklist(),
        "context chart": conversation.context_chart(),
        "conversation": conversation.conversation_builder(),
        "plan": plan.plan_builder(),
    }
    outputs = {}
    for name, tool in shown.items():
        outputs[f"{name} preview"] = tool.preview_html
        outputs[f"{name} live"] = " ".join(_widget_html(tool.widget))
    outputs["message"] = Message("Something", "details")._repr_mimebundle_()["text/html"]
    return outputs


def _widget_html(widget):
    if hasattr(widget, "value") and isinstance(widget.value, str):
        yield widget.value
    for child in getattr(widget, "children", ()):
        yield from _widget_html(child)


COLOUR_RULE = re.compile(
    r"(?<![\w-])(color|background(?:-color)?|border(?:-[a-z]+)?)\s*:\s*([^;\"']+)"
)


def own_colours(html_text: str) -> list[str]:
    """Colour declarations that are not a JupyterLab variable (with or without a fallback)."""
    bad = []
    for prop, value in COLOUR_RULE.findall(html_text):
        literals = re.sub(r"var\(--jp-[\w-]+(?:,\s*#[0-9a-fA-F]{3,6})?\)", "", value)
        if re.search(r"#[0-9a-fA-F]{3,6}\b|rgba?\(|\b(white|black)\b", literals):
            bad.append(f"{prop}: {value.strip()}")
    return bad


def test_the_colour_scan_can_fail():
    assert own_colours('<p style="color:#1a1a1a">x</p>') == ["color: #1a1a1a"]
    assert own_colours('<p style="border:1px solid black">x</p>') == ["border: 1px solid black"]
    assert own_colours('<p style="color:var(--jp-content-font-color1, #1a1a1a)">x</p>') == []


def test_no_output_sets_a_colour_of_its_own():
    problems = {name: own_colours(html) for name, html in _tool_outputs().items()}
    assert {name: bad for name, bad in problems.items() if bad} == {}


def test_every_figure_has_its_own_light_backing():
    """Figures are opaque PNGs on white, so they read on JupyterLab's dark page too."""
    from pcd.tools import association, conversation, hormones, prevalence
    from PIL import Image

    pngs = {
        "prevalence": prevalence.figure_png("lifetime", "all"),
        "hormones": hormones.figure_png(hormones.MEASURED),
        "association grid": association.figure_png("variance-22"),
        "association odds": association.figure_png("odds-634"),
        "context chart": conversation.context_chart().preview_png,
    }
    for name, png in pngs.items():
        image = Image.open(io.BytesIO(png)).convert("RGBA")
        corners = [(0, 0), (image.width - 1, 0), (0, image.height - 1)]
        assert all(image.getpixel(c) == (255, 255, 255, 255) for c in corners), name


def test_no_element_has_two_style_attributes():
    """Invalid HTML (the association caption once had two): a browser keeps only the first."""
    twice = re.compile(r"<[^>]*\sstyle=[^>]*\sstyle=[^>]*>")
    assert twice.search('<a style="x" href="y" style="z">')  # the check can fail
    found = {name: twice.findall(html) for name, html in _tool_outputs().items()}
    assert {name: tags for name, tags in found.items() if tags} == {}
