"""Markdown-light for bank text: escape everything, then allow **bold**, *italic* and links.

Bank text is written by educators, not learners, but it is still escaped first so a stray
``<`` can never break a page; learner text only ever goes through ``escape``.

Links may go to ``https:`` and ``http:`` addresses (opened in a new tab) or to a file in the
same folder (``02-hormones.ipynb``, ``./notes.md#part``, ``#section``). Anything else
(``javascript:``, ``//other.host/...``, ``/etc/...``, ``../``) stays plain text. A URL may
contain balanced parentheses, as DOIs do: ``https://doi.org/10.1016/S0306-4530(00)00053-6``.
"""

from __future__ import annotations

import html
import re

# The URL: characters other than space and parentheses, or a balanced (...) group.
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\*\w])")
# A host name (no user@, no IPv6 literal), an optional port, then anything.
_WEB = re.compile(r"^https?://[\w.-]+(:\d+)?([/?#]\S*)?$", re.IGNORECASE)
_SAME_FOLDER = re.compile(r"^(\./)?[\w-][\w.-]*(#[\w-]*)?$|^#[\w-]*$")
# Stands in for a finished link while bold and italic are applied, so that asterisks in a
# URL can never put a tag inside an attribute. NUL cannot occur in escaped bank text.
_SLOT = "\0{}\0"
_SLOTS = re.compile(r"\0(\d+)\0")


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def safe_url(url: str) -> bool:
    """True for the link targets bank text may use: the web, or the same folder."""
    return bool(_WEB.match(url) or (_SAME_FOLDER.match(url) and ".." not in url))


def _emphasis(text: str) -> str:
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def inline(text: str) -> str:
    """HTML for Markdown-light ``text``."""
    links: list[str] = []

    def link(match):
        label, url = match.group(1), html.unescape(match.group(2))
        if not safe_url(url):
            return match.group(0)
        external = bool(_WEB.match(url))
        target = ' target="_blank" rel="noopener"' if external else ""
        links.append(f'<a href="{escape(url)}"{target}>{_emphasis(label)}</a>')
        return _SLOT.format(len(links) - 1)

    out = _emphasis(_LINK.sub(link, escape(text.replace("\0", ""))))
    return _SLOTS.sub(lambda m: links[int(m.group(1))], out)


def plain(text: str) -> str:
    """Plain text for Markdown-light ``text`` (links keep their text)."""
    out = _LINK.sub(r"\1", text)
    out = _BOLD.sub(r"\1", out)
    return _ITALIC.sub(r"\1", out)
