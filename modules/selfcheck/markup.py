"""Markdown-light for bank text: escape everything, then allow **bold**, *italic* and links.

Bank text is written by educators, not learners, but it is still escaped first so a stray
``<`` can never break a page; learner text only ever goes through ``escape``.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\*\w])")
_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w.-]+(\.ipynb|\.html|\.md)(#[\w-]*)?$)")


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def inline(text: str) -> str:
    """HTML for Markdown-light ``text``."""
    out = escape(text)

    def link(match):
        label, url = match.group(1), html.unescape(match.group(2))
        if not _SAFE_URL.match(url):
            return match.group(0)
        external = url.startswith(("http://", "https://"))
        target = ' target="_blank" rel="noopener"' if external else ""
        return f'<a href="{escape(url)}"{target}>{label}</a>'

    out = _LINK.sub(link, out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return out


def plain(text: str) -> str:
    """Plain text for Markdown-light ``text`` (links keep their text)."""
    out = _LINK.sub(r"\1", text)
    out = _BOLD.sub(r"\1", out)
    return _ITALIC.sub(r"\1", out)
