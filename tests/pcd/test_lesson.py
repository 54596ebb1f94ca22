"""Lesson: what a notebook shows, driven as a learner would, and its kind failure messages."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap

import pcd
import pytest
from pcd import lesson as lesson_module
from pcd.style import Stylesheet
from selfcheck import ProgressStore

BANK = textwrap.dedent(
    """\
    bank: zz-fixture
    title: A fixture bank
    reveal_after: 1
    exercises:
      - id: what-pcd-means
        type: single
        prompt: PCD is best described as...
        options:
          - {id: a, text: Low mood after wanted sex, explanation: Yes.}
          - {id: b, text: Pain during sex, explanation: No.}
        answer: a
        cite: [bird2011]
      - id: men-too
        type: truefalse
        style: myth-fact
        statement: Men hardly ever feel PCD.
        answer: false
        explanation: In 1,208 men, 41% had felt it at least once.
        cite: [maczkowiack2019]
      - id: my-thoughts
        type: reflection
        prompt: What surprised you?
    """
)


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "zz-fixture.yaml").write_text(BANK, encoding="utf-8")
    return folder


@pytest.fixture
def shown(monkeypatch):
    """Everything the lesson displays, in order, except its stylesheet (checked below)."""
    items = []
    monkeypatch.setattr(
        lesson_module,
        "display",
        lambda obj: None if isinstance(obj, Stylesheet) else items.append(obj),
    )
    return items


def test_the_setup_cell_shows_the_stylesheet_first(banks, monkeypatch, store, tmp_path):
    every = []
    monkeypatch.setattr(lesson_module, "display", every.append)
    pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    pcd.Lesson("no-such-bank", banks_dir=banks, store=store)
    assert [type(x).__name__ for x in every] == ["Stylesheet", "Stylesheet", "Message"]
    bundle = every[0]._repr_mimebundle_()
    assert bundle["text/plain"] == ""  # nothing to read where HTML is not shown
    assert bundle["text/html"].startswith('<style class="pcd-style">')
    assert ".selfcheck-live" in bundle["text/html"] and "</style" not in bundle["text/html"][:-8]


@pytest.fixture
def store(tmp_path):
    return ProgressStore(folder=tmp_path / "progress")


def _plain(obj) -> str:
    return obj._repr_mimebundle_()["text/plain"]


def _html(obj) -> str:
    return obj._repr_mimebundle_()["text/html"]


def test_a_good_bank_shows_nothing_until_asked(banks, shown, store):
    lesson = pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    assert lesson.bank is not None and lesson.error is None
    assert shown == []


def test_exercise_is_the_cells_result_and_can_be_answered(banks, shown, store):
    lesson = pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    view = lesson.exercise("what-pcd-means")
    # Returned, not displayed: Jupyter shows the cell's value, so displaying too would double it.
    assert shown == []
    assert "PCD is best described as" in _plain(view)
    view.answer("b")
    assert "Not quite" in view.feedback.value
    view.answer("a")
    assert "Correct" in view.feedback.value
    # The citation under the feedback comes from the bibliography, as a DOI link.
    assert (
        '<a href="https://doi.org/10.1080/19317611.2010.509689" target="_blank" '
        'rel="noopener" style="text-decoration:underline">Bird et al., 2011</a>'
    ) in view.feedback.value
    assert store.get("zz-fixture", "what-pcd-means") is not None


def test_reveal_after_comes_from_the_bank(banks, shown, store):
    view = pcd.Lesson("zz-fixture", banks_dir=banks, store=store).exercise("what-pcd-means")
    assert view.reveal_button.layout.display == "none"
    view.answer("b")
    assert view.reveal_button.layout.display != "none"  # reveal_after: 1 in the fixture


def test_myth_fact_cites_its_source(banks, shown, store):
    view = pcd.Lesson("zz-fixture", banks_dir=banks, store=store).exercise("men-too")
    view.answer(False)
    assert "Correct" in view.feedback.value
    assert "Maczkowiack &amp; Schweitzer, 2019</a>" in view.feedback.value


def test_reflection_text_is_not_stored(banks, shown, store, tmp_path):
    view = pcd.Lesson("zz-fixture", banks_dir=banks, store=store).exercise("my-thoughts")
    view.answer("a private thought")
    assert "Done" in view.feedback.value and "a private thought" not in view.feedback.value
    written = "".join(p.read_text() for p in tmp_path.rglob("*.json"))
    assert "a private thought" not in written


def test_unknown_exercise_gives_a_kind_message_and_a_log(banks, shown, store, caplog):
    lesson = pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    with caplog.at_level(logging.ERROR, logger="pcd"):
        result = lesson.exercise("no-such-id")
    assert shown == []
    message = _plain(result)
    assert "This self-check could not be shown. The rest of the notebook still works." in message
    assert "Traceback" not in message
    assert "no-such-id" in _html(result)  # folded away, for authors
    assert "no-such-id" in caplog.text and "zz-fixture" in caplog.text


def test_missing_bank_gives_a_kind_message_and_a_log(banks, shown, store, caplog):
    with caplog.at_level(logging.ERROR, logger="pcd"):
        lesson = pcd.Lesson("99-missing", banks_dir=banks, store=store)
        result = lesson.exercise("anything")
    assert "self-checks for this notebook could not be loaded" in _plain(shown[0])
    assert "could not be shown" in _plain(result)
    assert "99-missing.yaml" in caplog.text


def test_broken_bank_names_the_problem_for_authors(banks, shown, store, caplog):
    (banks / "zz-broken.yaml").write_text(
        BANK.replace("zz-fixture", "zz-broken").replace("[bird2011]", "[bird2099]"),
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR, logger="pcd"):
        lesson = pcd.Lesson("zz-broken", banks_dir=banks, store=store)
    assert lesson.bank is None
    assert "bird2099" in lesson.error and "bird2099" in caplog.text
    assert "could not be loaded" in _plain(shown[0])


def test_a_store_notice_is_shown_once(banks, shown, tmp_path):
    # A real cause: a damaged progress file, met by an answer before this notebook started.
    folder = tmp_path / "notice"
    folder.mkdir()
    (folder / "progress.json").write_text("garbage", encoding="utf-8")
    store = ProgressStore(folder)
    store.record("zz-fixture", "x", True)
    pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    assert len(shown) == 1
    assert "could not be read, so it was set aside" in _plain(shown[0])
    pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    assert len(shown) == 1  # the next notebook does not say it again


def test_references_add_the_banks_keys(banks, shown, store):
    lesson = pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    refs = lesson.references("schweitzer2015")
    assert shown == []
    assert set(refs.keys) == {"schweitzer2015", "bird2011", "maczkowiack2019"}
    html = _html(refs)
    assert (
        html.index(">Bird, B. S.")
        < html.index(">Maczkowiack, J.")
        < html.index(">Schweitzer, R. D.")
    )
    assert 'href="https://doi.org/10.1002/sm2.74"' in html


def test_unknown_reference_key_is_a_message_not_a_traceback(banks, shown, store, caplog):
    lesson = pcd.Lesson("zz-fixture", banks_dir=banks, store=store)
    with caplog.at_level(logging.ERROR, logger="pcd"):
        refs = lesson.references("bird2011", "nobody1999")
    assert "Some references could not be listed" in _plain(shown[0])
    assert "nobody1999" in _html(shown[0]) and "nobody1999" in caplog.text
    assert len(shown) == 1 and "Bird, B. S." in _html(refs)


def test_overview_covers_every_bank(banks, store):
    overview = pcd.overview(banks_dir=banks, store=store)
    assert [b.name for b in overview.banks] == ["zz-fixture"]
    assert "A fixture bank" in _plain(overview)


def test_overview_of_the_real_banks(store):
    overview = pcd.overview(store=store)
    assert len(overview.banks) == len(lesson_module.bank_names()) >= 1


def test_importing_pcd_is_cheap_and_quiet():
    code = (
        "import sys, pcd\n"
        "heavy = [m for m in ('ipywidgets', 'matplotlib', 'selfcheck', 'yaml', 'IPython') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


def test_a_failing_view_costs_one_exercise_not_a_traceback(
    banks, shown, store, caplog, monkeypatch
):
    import selfcheck

    def broken(*args, **kwargs):
        raise RuntimeError("widget bug")

    monkeypatch.setattr(selfcheck, "ExerciseView", broken)
    with caplog.at_level(logging.ERROR, logger="pcd"):
        result = pcd.Lesson("zz-fixture", banks_dir=banks, store=store).exercise("men-too")
    assert "could not be shown" in _plain(result)
    assert "widget bug" in caplog.text
