"""Markdown-light (selfcheck.markup): the only place that turns author text into HTML."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selfcheck.markup import inline, plain

DOI = "https://doi.org/10.1016/S0306-4530(00)00053-6"  # Exton et al., 2001a


def test_bold_italic_and_escaping():
    assert inline("**Bold** and *italic* <b>&") == (
        "<strong>Bold</strong> and <em>italic</em> &lt;b&gt;&amp;"
    )
    assert plain("**Bold** and *italic* [a](https://x.org)") == "Bold and italic a"


def test_a_doi_with_parentheses_is_one_link():
    out = inline(f"See [Exton et al., 2001a]({DOI}).")
    assert out == (f'See <a href="{DOI}" target="_blank" rel="noopener">Exton et al., 2001a</a>.')
    assert plain(f"See [Exton et al., 2001a]({DOI}).") == "See Exton et al., 2001a."


@pytest.mark.parametrize(
    "url",
    ["02-hormones.ipynb", "./notes.md#part-2", "#section", "page.html", "http://example.org/a"],
)
def test_web_and_same_folder_links_are_kept(url):
    out = inline(f"[here]({url})")
    assert out.startswith(f'<a href="{html.escape(url)}"') and out.endswith(">here</a>")
    assert ('target="_blank"' in out) == url.startswith("http")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "//evil.example/a",
        "/etc/passwd",
        "../secret.ipynb",
        "data:text/html,<b>x</b>",
        "mailto:someone@example.org",
        "https:///no-host",
        "vbscript:x",
        "java&#10;script:alert(1)",
    ],
)
def test_other_links_stay_plain_text(url):
    out = inline(f"[click]({url})")
    assert "<a" not in out and "href" not in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == f"[click]({url})"


def test_asterisks_in_a_url_never_put_a_tag_inside_the_link():
    out = inline("[a](https://x.org/**b**/*c*) and **d**")
    assert out == (
        '<a href="https://x.org/**b**/*c*" target="_blank" rel="noopener">a</a> and '
        "<strong>d</strong>"
    )


# --------------------------------------------------------------------------- property

_TAG = re.compile(r"<[^>]*>")
_ALLOWED_TAG = re.compile(
    r'^<a href="([^"<>]*)"( target="_blank" rel="noopener")?>$|^</a>$|^</?(strong|em)>$'
)
# Text an educator might type, weighted towards the characters that matter here.
_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "*",
        "**",
        "<",
        ">",
        '"',
        "'",
        "&",
        "#",
        ":",
        "/",
        "//",
        " ",
        "\n",
        "a",
        "x.ipynb",
        "javascript:",
        "https://",
        "http://",
        "data:",
        "evil.example",
        "&#106;",
        "\0",
        "(00)",
    ]
)
_LINKISH = st.tuples(
    st.lists(_PIECES, min_size=1, max_size=4).map("".join),
    st.lists(_PIECES, min_size=1, max_size=6).map("".join),
).map(lambda parts: f"[{parts[0]}]({parts[1]})")
_TEXT = st.one_of(
    st.lists(st.one_of(_PIECES, _LINKISH), max_size=20).map("".join), st.text(max_size=60)
)


def _allowed_href(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme:
        return parts.scheme in ("http", "https") and bool(parts.netloc)
    # Same folder: no host, no absolute path, no way up.
    return not parts.netloc and not href.startswith("/") and ".." not in href


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_the_output_holds_only_allowed_tags_and_link_targets(text):
    out = inline(text)
    depth = 0
    for tag in _TAG.findall(out):
        match = _ALLOWED_TAG.match(tag)
        assert match, f"tag {tag!r} in {out!r}"
        if match.group(1) is not None:
            href = html.unescape(match.group(1))
            assert _allowed_href(href), f"link to {href!r} in {out!r}"
            depth += 1
            assert depth == 1, f"a link inside a link in {out!r}"
        elif tag == "</a>":
            depth -= 1
    assert depth == 0
    # Outside tags, every < > and " is escaped: nothing can open a tag or end an attribute.
    assert not re.search(r'[<>"]', _TAG.sub("", out)), out
