"""The module's stylesheet (style.css), shown once per notebook by the Lesson setup cell.

It makes the module's own widgets fit narrow screens (phones, 200% zoom) in both views; see the
comment at the top of style.css.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CSS_PATH = Path(__file__).with_name("style.css")


@cache
def css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


class Stylesheet:
    """A ``<style>`` element as a cell output (nothing to show where HTML is not rendered)."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": f'<style class="pcd-style">\n{css()}</style>', "text/plain": ""}
