"""The PCD learning module's topic package: banks, sources, evidence labels and tools.

Importing `pcd` is cheap and has no side effects: the heavy parts (ipywidgets, matplotlib, the
exercise engine) load only when a notebook first asks for them.
"""

from __future__ import annotations

import logging

# A library leaves log output to the application: without this, Python's last-resort handler
# would print author-facing errors into the learner's notebook as red stderr text.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Lesson", "overview"]


def __getattr__(name: str):
    if name == "Lesson":
        from .lesson import Lesson

        return Lesson
    if name == "overview":
        from .lesson import overview

        return overview
    raise AttributeError(f"module 'pcd' has no attribute {name!r}")
