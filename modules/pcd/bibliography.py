"""The module's sources: load them, cite them in Markdown or HTML, and list them.

Notebooks cite by key (see data/bibliography.yaml). The in-text form follows APA: one author
"Pyke, 2020", two "Burri & Spector, 2011", three or more "Bird et al., 2011"; organisations by
name (or short name); sources with unconfirmed authors by a short title; a source whose year is
not known by its authors alone ("Toussaint et al."). Two sources that would read the same get
"a"/"b" after the year, ordered by key, so every in-text form is unique.

A citation links to the record of the work itself (its DOI, or a publisher or database record).
A source for which no such record was found has no link at all, never a search-engine query: it
is cited as plain text, and its reference-list note says what is not confirmed.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from pathlib import Path

from . import content

FILE_NAME = "bibliography.yaml"
DOI_PREFIX = "https://doi.org/"


class UnknownReference(KeyError):
    """A citation key that is not in the bibliography."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"{self.key!r} is not in bibliography.yaml"


def path() -> Path:
    """The bibliography the notebooks read (the checkout's, when there is one: see content)."""
    return content.data_file(FILE_NAME)


def _version() -> tuple[str, int]:
    # The cache key: which file, and which version of it.
    where = path()
    return str(where), where.stat().st_mtime_ns


@functools.lru_cache(maxsize=1)
def _load(version: tuple[str, int]) -> dict[str, dict]:
    import yaml

    from .validate import parsed_bibliography

    # The parse the bibliography's check made (once per version of the file).
    data, _problems = parsed_bibliography(*version)
    if data is not None:
        return data
    # Not a readable mapping: read it as before, so the caller meets the same error.
    with open(version[0], encoding="utf-8") as fh:
        # libyaml's parser when PyYAML has it: ~10x faster on this 20 kB file.
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return data


def entries() -> dict[str, dict]:
    """Every entry by key (cached; reloaded when the file changes)."""
    return _load(_version())


def keys() -> set[str]:
    return set(entries())


def entry(key: str) -> dict:
    try:
        return entries()[key]
    except KeyError:
        raise UnknownReference(key) from None


def _surname(author: str) -> str:
    # "Surname, I. I." -> "Surname"; an organisation has no comma and is used whole.
    return author.split(",")[0].strip()


def _year_text(e: dict) -> str:
    return str(e["year"]) if e.get("year") else "n.d."


def _in_text_year(e: dict) -> str:
    # In running text a missing year is left out: "n.d." reads to a learner like a note about
    # the authors' own checking. The reference list keeps APA's "(n.d.)".
    return f", {e['year']}" if e.get("year") else ""


def _base_in_text(e: dict) -> str:
    authors = e.get("authors") or []
    if not authors:
        who = e["short_title"]
    elif e.get("short_name"):
        who = e["short_name"]
    elif len(authors) >= 3 or e.get("et_al"):
        who = f"{_surname(authors[0])} et al."
    elif len(authors) == 2:
        who = f"{_surname(authors[0])} & {_surname(authors[1])}"
    else:
        who = _surname(authors[0])
    return f"{who}{_in_text_year(e)}"


@functools.lru_cache(maxsize=1)
def _in_text_table(version: tuple[str, int]) -> dict[str, str]:
    data = _load(version)
    by_base: dict[str, list[str]] = {}
    for key, e in data.items():
        by_base.setdefault(_base_in_text(e), []).append(key)
    table = {}
    for base, group in by_base.items():
        if len(group) == 1:
            table[group[0]] = base
        else:
            for letter, key in zip("abcdefghij", sorted(group), strict=False):
                table[key] = base + letter
    return table


def in_text(key: str) -> str:
    """The in-text form, e.g. "Bird et al., 2011"."""
    entry(key)
    return _in_text_table(_version())[key]


def link(key: str) -> str | None:
    """Where the citation points: the DOI resolver, the entry's url, or None (no record found)."""
    e = entry(key)
    if e.get("doi"):
        return DOI_PREFIX + str(e["doi"])
    return str(e["url"]) if e.get("url") else None


def cite(key: str) -> str:
    """The exact Markdown to paste into a notebook: [in-text form](link), or the plain in-text
    form for a source with no link."""
    target = link(key)
    return f"[{in_text(key)}]({target})" if target else in_text(key)


def _anchor(url: str, text: str) -> str:
    # Underlined, so a link stands out from the text around it without relying on colour.
    return (
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener" '
        f'style="text-decoration:underline">{html.escape(text)}</a>'
    )


def cite_html(key: str) -> str:
    """The same citation as an HTML link (opens in a new tab), or plain text with no link."""
    target = link(key)
    return _anchor(target, in_text(key)) if target else html.escape(in_text(key))


def key_for_link(url: str) -> str | None:
    """The key whose link is `url`, or None (used by the content tests)."""
    for key in entries():
        if url is not None and link(key) == url:
            return key
    return None


# --- reference list ---------------------------------------------------------------------------


def _authors_text(e: dict) -> str:
    authors = list(e.get("authors") or [])
    if not authors:
        return ""
    if e.get("et_al"):
        authors.append("et al.")
    if len(authors) == 1:
        return authors[0]
    if authors[-1] == "et al.":
        return ", ".join(authors)
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def _sort_key(key: str) -> tuple:
    e = entry(key)
    first = _authors_text(e) or e.get("short_title") or e.get("title") or ""
    return (first.casefold(), in_text(key).casefold(), key)


def _end(text: str) -> str:
    # Titles ending in "?" or "!" must not get an extra full stop.
    return text if text.endswith((".", "?", "!")) else text + "."


def _render(key: str, esc, italic, anchor) -> str:
    """One APA-like reference; `esc`, `italic` and `anchor` make it Markdown or HTML."""
    e = entry(key)
    # The year with any a/b suffix; "(n.d.)" when the year is not known.
    year = f"({in_text(key).rsplit(', ', 1)[1]})." if e.get("year") else "(n.d.)."
    authors = _authors_text(e)
    kind = e.get("type", "article")
    container = str(e.get("container") or "")
    if e.get("title"):
        # Articles: the journal is italic; books, guidelines and reports: the title is.
        title = str(e["title"])
        title_text = (
            _end(esc(title))
            if kind == "article"
            else italic(esc(title)) + ("" if title.endswith(("?", "!")) else ".")
        )
    else:
        title_text = esc(f"[{e['description']}].")
    if authors:
        parts = [f"{esc(_end(authors))} {year} {title_text}"]
    else:
        parts = [f"{title_text} {year}"]
    if kind == "article" and container:
        detail = ""
        if e.get("volume") is not None:
            detail += f", {e['volume']}"
            if e.get("issue") is not None:
                detail += f"({e['issue']})"
        if e.get("pages"):
            detail += f", {e['pages']}"
        parts.append(f"{italic(esc(container))}{esc(detail)}.")
    elif container and container not in authors:
        parts.append(_end(esc(container)))
    if link(key):
        parts.append(anchor(link(key)))
    uncertain = e.get("uncertain")
    if uncertain:
        parts.append(italic(esc(f"Note: {uncertain[0].upper()}{uncertain[1:]}.")))
    return " ".join(parts)


def reference_markdown(key: str) -> str:
    return _render(
        key,
        esc=lambda t: t.replace("*", "\\*"),
        italic=lambda t: f"*{t}*",
        anchor=lambda u: f"<{u}>",
    )


def reference_html(key: str) -> str:
    return _render(
        key,
        esc=html.escape,
        italic=lambda t: f"<i>{t}</i>",
        anchor=lambda u: _anchor(u, u),
    )


def _ordered(keys: Iterable[str]) -> list[str]:
    unique = set(keys)
    for key in unique:
        entry(key)  # raise UnknownReference early, naming the key
    return sorted(unique, key=_sort_key)


def reference_list(keys: Iterable[str]) -> tuple[str, str]:
    """(HTML, Markdown) of the references for `keys`, sorted APA-style, duplicates removed."""
    ordered = _ordered(keys)
    # No heading: the notebook's own "## References" Markdown heading introduces the list.
    # A hanging indent, as in APA, makes each source easy to find.
    li = '<li style="margin:0 0 0.4em 0;padding-left:1.5em;text-indent:-1.5em">'
    items = "".join(f"{li}{reference_html(k)}</li>" for k in ordered)
    html_text = (
        '<div class="pcd-references">'
        f'<ul style="list-style:none;padding-left:0;margin:0">{items}</ul></div>'
    )
    md = "\n".join(f"- {reference_markdown(k)}" for k in ordered)
    return html_text, md
