"""One progress store per kernel: what notebook 00 does (Lesson, exercises, then
`pcd.overview()` with no store passed), answered as a learner answers, updates the overview at
once, with no Refresh."""

from __future__ import annotations

import html
import re

import pcd
import pytest
from pcd import lesson as lesson_module
from pcd.review import review
from selfcheck.progress import ProgressStore, default_store


@pytest.fixture(autouse=True)
def quiet(monkeypatch, places):
    # `places`: an empty progress folder of its own and a notebooks folder as the working one.
    monkeypatch.setattr(lesson_module, "display", lambda *_: None)


def answer(view, response) -> None:
    """Choose `response` and press Check, as a learner does."""
    if hasattr(view, "answer"):  # the engine's own "as a learner would" helper, where it exists
        view.answer(response)
    else:
        view.choices.value = response
        view.check_button.click()


def row(overview, title: str) -> list[str]:
    for tr in re.findall(r"<tr>(.*?)</tr>", overview.table.value):
        cells = [html.unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", tr)]
        if cells and cells[0] == title:
            return cells
    raise AssertionError(f"no row {title!r} in {overview.table.value}")


def test_answering_in_notebook_00_updates_its_overview_at_once():
    lesson = pcd.Lesson("00-start-here")  # the setup cell
    warm_up = lesson.exercise("warm-up")  # an exercise cell
    overview = pcd.overview()  # the overview cell: no store passed
    title = lesson.bank.title
    total = row(overview, title)[1].split(" of ")[1]
    assert row(overview, title)[1:] == [f"0 of {total}", f"0 of {total}"]

    answer(warm_up, "b")  # wrong first...
    assert row(overview, title)[1:] == [f"1 of {total}", f"0 of {total}"]
    answer(warm_up, "a")  # ...then right
    assert row(overview, title)[1] == f"1 of {total}"
    # The same answers, read back from the file by a store of its own (what a new kernel sees).
    assert ProgressStore().get("00-start-here", "warm-up")["attempts"] == 2


def test_every_entry_point_uses_the_kernels_store_unless_given_one():
    store = default_store()
    assert default_store() is store
    assert pcd.Lesson("00-start-here").store is store
    assert pcd.overview().store is store
    assert review().store is store
    mine = ProgressStore(save=False)
    assert pcd.Lesson("00-start-here", store=mine).store is mine
    assert pcd.overview(store=mine).store is mine


def test_a_new_progress_folder_gets_a_new_store(monkeypatch, tmp_path):
    first = default_store()
    monkeypatch.setenv("SELFCHECK_PROGRESS_DIR", str(tmp_path / "elsewhere"))
    second = default_store()
    assert second is not first and second.folder == tmp_path / "elsewhere"
    monkeypatch.setenv("SELFCHECK_NO_SAVE", "1")
    assert default_store() is not second and not default_store().saving
