"""Evidence labels: how strong the research behind a claim is, shown the same way everywhere.

In Markdown a label is inline code (it looks the same on GitHub and in JupyterLab); in HTML it is
a small bordered badge. Both carry words and filled/empty dots, so no meaning rests on colour.
"""

from __future__ import annotations

import html

# level -> (dots, words). The Markdown badges are part of the contract in CONTRIBUTING.md.
LEVELS: dict[str, tuple[str, str]] = {
    "several": ("●●●", "Found in several studies"),
    "one": ("●●○", "One study"),
    "mixed": ("●○○", "Mixed or indirect evidence"),
    "hypothesis": ("○○○", "Hypothesis, not tested"),
}

# Colours come from JupyterLab's theme (CSS variables), so a badge reads in the light, dark and
# high-contrast themes alike; the fallback after the comma is for places without JupyterLab
# (GitHub, nbviewer), which show a light page. tests/pcd/test_theme.py checks that every pair
# meets WCAG AA in each JupyterLab theme and in the fallbacks.
THEME = {
    "text": ("--jp-content-font-color1", "#1a1a1a"),
    "background": ("--jp-layout-color0", "#ffffff"),
    "border": ("--jp-content-font-color2", "#595959"),
}


def colour(name: str) -> str:
    """The CSS value of a theme colour, e.g. "var(--jp-content-font-color1, #1a1a1a)"."""
    variable, fallback = THEME[name]
    return f"var({variable}, {fallback})"


def _check(level: str) -> tuple[str, str]:
    try:
        return LEVELS[level]
    except KeyError:
        known = ", ".join(LEVELS)
        raise ValueError(f"unknown evidence level {level!r}; use one of: {known}") from None


def badge_text(level: str) -> str:
    """The badge's words without the code backticks, e.g. "Evidence ●●○ One study"."""
    dots, words = _check(level)
    return f"Evidence {dots} {words}"


def badge(level: str) -> str:
    """The Markdown badge: inline code, exactly as CONTRIBUTING.md lists it."""
    return f"`{badge_text(level)}`"


def all_badges() -> set[str]:
    """Every valid badge text (without backticks); the content tests accept only these."""
    return {badge_text(level) for level in LEVELS}


def badge_html(level: str) -> str:
    """A small bordered span with the dots and the words; the dots are hidden from screen
    readers, which read the words instead ("Evidence: One study")."""
    dots, words = _check(level)
    style = (
        f"display:inline-block;border:1px solid {colour('border')};border-radius:4px;"
        f"padding:0 6px;font-size:0.9em;line-height:1.6;color:{colour('text')};"
        f"background:{colour('background')};white-space:nowrap"
    )
    return (
        f'<span class="pcd-evidence pcd-evidence-{level}" style="{style}" '
        f'title="Strength of evidence: {html.escape(words)}">'
        f"Evidence "
        f'<span aria-hidden="true">{dots}</span> '
        f"{html.escape(words)}</span>"
    )
