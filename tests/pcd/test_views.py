"""The two views (JupyterLab and the app view): the kernel knows which it serves, and every
instruction that differs between them comes from pcd.views, not from a notebook's Markdown.

That a real Voila kernel really gets SERVER_SOFTWARE is proved in the browser
(tests/browser/test_app_notebooks.py: the app view shows the app instructions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pcd
import pytest
from pcd import views

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("voila/0.5.13", views.APP),
        ("voila/1.0.0", views.APP),
        ("", views.LAB),
        ("TornadoServer/6.4", views.LAB),  # a CGI-like variable from anything else
    ],
)
def test_the_view_follows_what_voila_tells_its_kernels(monkeypatch, value, expected):
    monkeypatch.setenv("SERVER_SOFTWARE", value)
    assert views.current() == expected


def test_no_variable_means_jupyterlab(monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    assert views.current() == views.LAB


def bundle(view, reveal_after=2):
    return views.HowTo(view=view, reveal_after=reveal_after)._repr_mimebundle_()


# Words that only make sense where there is code and a Run menu.
LAB_ONLY = re.compile(r"Run All|Run\*\* menu|Run</strong> menu|Shift\+Enter|code box", re.I)


def test_app_view_instructions_never_mention_code_or_the_run_menu():
    for text in bundle(views.APP).values():
        assert not LAB_ONLY.search(text), text
        assert "Tab" in text and "Space" in text and "Enter to press a button" in text
    assert "no code to run" in bundle(views.APP)["text/plain"]


def test_jupyterlab_instructions_say_how_to_run_the_notebook():
    html, plain = bundle(views.LAB)["text/html"], bundle(views.LAB)["text/plain"]
    assert "<strong>Run All Cells</strong>" in html and "**Run All Cells**" in plain
    assert "stay with the exercise" in plain and "stay with" not in bundle(views.APP)["text/plain"]
    assert html.count("<li>") == 3 and 'data-view="lab"' in html


@pytest.mark.parametrize("view", [views.LAB, views.APP])
def test_show_answer_sentence_follows_the_bank(view):
    assert "After two tries, a **Show answer**" in bundle(view, 2)["text/plain"]
    assert "After one try, a **Show answer**" in bundle(view, 1)["text/plain"]
    assert "Show answer" not in bundle(view, 0)["text/plain"]  # never revealed


def test_html_is_escaped_and_inherits_colours():
    html = bundle(views.APP)["text/html"]
    assert "style=" not in html and "color" not in html  # follows light and dark themes
    assert "<strong>Go on with the links.</strong>" in html


def test_lesson_how_to_uses_the_current_view(monkeypatch):
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    lesson = pcd.Lesson("00-start-here")
    assert lesson.how_to().view == views.APP
    monkeypatch.delenv("SERVER_SOFTWARE")
    assert lesson.how_to().view == views.LAB


def markdown_cells():
    for nb_path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for n, cell in enumerate(nb["cells"], start=1):
            if cell["cell_type"] == "markdown":
                yield f"{nb_path.name} cell {n}", "".join(cell["source"])


def test_no_notebook_text_gives_jupyterlab_only_instructions():
    """The app view has no Run menu and no code boxes: such instructions belong in
    pcd.views (shown with lesson.how_to()), never in a notebook's Markdown."""
    found = [where for where, text in markdown_cells() if LAB_ONLY.search(text)]
    assert found == [], f"view-specific instructions in Markdown: {found}"


def test_the_start_notebook_shows_the_how_to():
    nb = json.loads((NOTEBOOKS / "00-start-here.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "lesson.how_to()" in sources
