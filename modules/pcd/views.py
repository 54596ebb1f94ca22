"""The two views of the same notebooks, and the instructions that differ between them.

- **JupyterLab** ("lab"): the reader sees code boxes and runs the notebook from the Run menu.
- **The app view** ("app", Voila: `make app`, the second Binder badge): no code, the notebook runs
  by itself when the page opens, and there is no Run menu.

A notebook calls ``lesson.how_to()`` where it explains how to use the page; the kernel knows which
view it serves, so the reader gets the instructions for the view they are in, from one notebook.
Every view-dependent sentence lives here, and nowhere else.
"""

from __future__ import annotations

import html
import os

LAB = "lab"
APP = "app"

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def current() -> str:
    """``"app"`` in a kernel that Voila started, else ``"lab"``.

    Voila starts every page's kernel with CGI-style variables describing the request, among them
    ``SERVER_SOFTWARE="voila/<version>"`` (voila/handler.py; the same for the ``voila`` command
    and for the ``/voila/render/...`` server extension that Binder and hubs use). JupyterLab and
    nbclient start kernels without it."""
    return APP if os.environ.get("SERVER_SOFTWARE", "").startswith("voila/") else LAB


def _steps(view: str, reveal_after: int) -> tuple[str, list[str], str]:
    """(introduction, numbered steps, keyboard note) as Markdown-light text: **bold** only."""
    tries = _NUMBER_WORDS.get(reveal_after, str(reveal_after))
    answer = (
        "**Answer and press Check.** You get feedback straight away. You can try as often as "
        "you like."
    )
    if reveal_after:
        answer += f" After {tries} {'try' if reveal_after == 1 else 'tries'}, a **Show answer** button appears."
    keys = (
        "**Using the keyboard?** Press Tab to move to the choices and buttons, the arrow keys to "
        "move between the choices of a question, Space to pick a choice, and Enter to press a "
        "button."
    )
    if view == APP:
        return (
            "This page works by itself: there is nothing to install and no code to run.",
            [
                "**Wait a moment.** The self-checks and tools appear as the page loads.",
                answer,
                "**Go on with the links.** Each page ends with a link to the next one, and your "
                "progress is kept from page to page.",
            ],
            keys,
        )
    return (
        "This page is a Jupyter notebook. It mixes text with small boxes of code. If you have "
        "never used Jupyter before, this is all you need:",
        [
            "**Run the notebook.** Open the **Run** menu and choose **Run All Cells**. Or click on "
            "a code box and press **Shift+Enter**. That runs the box and moves to the next one.",
            "**Wait a moment.** Buttons, boxes and figures appear under the code boxes. These "
            "are the self-checks and the tools.",
            answer,
        ],
        # In JupyterLab, keys on a focused control would otherwise be notebook shortcuts.
        keys + " Keys you press on a choice or a button stay with the exercise: they do not "
        "move to another box or change the notebook.",
    )


def _bold_html(text: str) -> str:
    parts = html.escape(text, quote=False).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


class HowTo:
    """How to use the page, for the view the kernel serves (see ``current()``).

    Shown with Jupyter's rich display: HTML in both views, Markdown-like text elsewhere. Colours
    and fonts are inherited, so it follows the light and dark themes."""

    def __init__(self, view: str | None = None, reveal_after: int = 2):
        self.view = view or current()
        self.reveal_after = reveal_after

    def _repr_mimebundle_(self, include=None, exclude=None):
        intro, steps, keys = _steps(self.view, self.reveal_after)
        items = "".join(f"<li>{_bold_html(s)}</li>" for s in steps)
        body = (
            f'<div class="pcd-how-to" data-view="{self.view}">'
            f"<p>{_bold_html(intro)}</p><ol>{items}</ol><p>{_bold_html(keys)}</p></div>"
        )
        plain = "\n".join(
            [intro, "", *(f"{n}. {s}" for n, s in enumerate(steps, start=1)), "", keys]
        )
        return {"text/html": body, "text/plain": plain}
