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

# Dark text on white: every pair has a contrast ratio above 7:1 (WCAG AA needs 4.5:1).
TEXT_COLOUR = "#1a1a1a"
BACKGROUND = "#ffffff"
BORDER_COLOUR = "#595959"


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
        f"display:inline-block;border:1px solid {BORDER_COLOUR};border-radius:4px;"
        f"padding:0 6px;font-size:0.9em;line-height:1.6;color:{TEXT_COLOUR};"
        f"background:{BACKGROUND};white-space:nowrap"
    )
    return (
        f'<span class="pcd-evidence pcd-evidence-{level}" style="{style}" '
        f'title="Strength of evidence: {html.escape(words)}">'
        f"Evidence "
        f'<span aria-hidden="true">{dots}</span> '
        f"{html.escape(words)}</span>"
    )


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two '#rrggbb' colours (used by the tests and figure code)."""

    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
