"""Drive every exercise type through its widgets and assert what the learner sees."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import ipywidgets as w
import pytest
import selfcheck
from selfcheck.widgets import seeded_order


def seen(view) -> str:
    """The feedback as a learner reads it: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", view.feedback.value))


def test_view_structure_and_live_region(view):
    v = view("pick-one")
    assert isinstance(v.widget, w.VBox)
    assert v.widget._dom_classes == ("selfcheck-exercise", "selfcheck-single", "selfcheck-live")
    assert v.feedback.value.startswith('<div role="status" aria-live="polite"')
    assert v.choices.tooltip and v.check_button.tooltip and v.hint_button.tooltip


# --------------------------------------------------------------------------- single


def test_single_wrong_then_right(view, store, capsys):
    v = view("pick-one")
    v.choices.value = "b"
    v.check_button.click()
    text = seen(v)
    assert "✘ Not quite" in text
    assert "“Green”: not right. Green is the grass." in text
    assert "Blue" not in text  # the right answer is not given away
    v.choices.value = "a"
    v.check_button.click()
    assert "✔ Correct" in seen(v)
    assert "Yes. Scattered sunlight makes it blue." in seen(v)
    assert "[ref2020]" in seen(v)
    assert store.get("example", "pick-one")["attempts"] == 2
    assert store.get("example", "pick-one")["first_try_correct"] is False
    assert capsys.readouterr().out == ""  # feedback lives in widget state only


def test_single_nothing_chosen_is_not_recorded(view, store):
    v = view("pick-one")
    v.check_button.click()
    assert "Choose an answer, then press Check." in seen(v)
    assert store.get("example", "pick-one") is None


def test_single_hint_toggles(view):
    v = view("pick-one")
    assert v.hint_html.value == ""
    v.hint_button.click()
    assert "Hint:" in v.hint_html.value and "Look up." in v.hint_html.value
    assert v.hint_button.description == "Hide hint"
    v.hint_button.click()
    assert v.hint_html.value == "" and v.hint_button.description == "Hint"


def test_show_answer_appears_after_two_wrong_tries(view):
    v = view("pick-one")
    assert v.reveal_button.layout.display == "none"
    v.choices.value = "b"
    v.check_button.click()
    assert v.reveal_button.layout.display == "none"
    v.choices.value = "c"
    v.check_button.click()
    assert v.reveal_button.layout.display != "none"
    v.reveal_button.click()
    text = seen(v)
    assert "ⓘ The answer" in text and "The answer: “Blue”." in text
    assert "Only at sunset." in text  # every option's explanation is shown


def test_reveal_after_is_configurable(view):
    assert view("pick-one", reveal_after=0).reveal_button.layout.display != "none"
    v = view("pick-one", reveal_after=1)
    v.choices.value = "c"
    v.check_button.click()
    assert v.reveal_button.layout.display != "none"


def test_seeded_order_is_stable_across_processes(view, bank):
    v = view("pick-one")
    shown = [o for o, _ in v.choices.options]
    assert shown == [o.text for o in seeded_order("pick-one", bank["pick-one"].options)]
    assert view("pick-one").choices.options == v.choices.options
    code = (
        "import selfcheck;from selfcheck.widgets import seeded_order;"
        "print(seeded_order('pick-one', tuple('abcdefgh')))"
    )
    # Another interpreter (with its own str-hash salt) gives the same, pinned order.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "('c', 'h', 'd', 'a', 'b', 'f', 'g', 'e')\n"
    assert seeded_order("pick-one", tuple("abcdefgh")) == tuple("chdabfge")


# --------------------------------------------------------------------------- multi


def test_multi_partial_wrong_right_and_reveal(view, store):
    v = view("pick-many")
    v.checkboxes["a"].value = True
    v.check_button.click()
    text = seen(v)
    assert "◑ Partly right" in text and "“Apple”: right. Apples grow on trees." in text
    assert "There is at least one more right answer." in text
    assert "Pear" not in text and "Carrot" not in text  # unpicked choices are not judged
    v.checkboxes["a"].value = False
    v.checkboxes["c"].value = True
    v.check_button.click()
    assert "✘ Not quite" in seen(v) and "“Carrot”: not right." in seen(v)
    v.reveal_button.click()
    text = seen(v)
    assert "“Apple”: this one also applies." in text and "“Potato”: rightly left out." in text
    v.checkboxes["c"].value = False
    v.checkboxes["a"].value = v.checkboxes["b"].value = True
    v.check_button.click()
    assert "✔ Correct" in seen(v) and "There is at least one more" not in seen(v)
    entry = store.get("example", "pick-many")
    assert entry["attempts"] == 3 and entry["last_result"] == "correct"


# --------------------------------------------------------------------------- true / false


def test_truefalse_buttons(view, store):
    v = view("true-or-false")
    assert (v.true_button.description, v.false_button.description) == ("True", "False")
    v.false_button.click()
    assert "✘ Not quite" in seen(v) and "This statement is true." in seen(v)
    assert "At normal air pressure it does." in seen(v)
    v.true_button.click()
    assert "✔ Correct" in seen(v)
    assert store.get("example", "true-or-false")["attempts"] == 2


def test_myth_fact_style(view):
    v = view("myth-or-fact")
    assert (v.true_button.description, v.false_button.description) == ("Fact", "Myth")
    assert "Myth or fact?" in v.prompt.value
    v.true_button.click()
    assert "✘ Not quite" in seen(v) and "This is a myth." in seen(v)
    v.false_button.click()
    assert "✔ Correct" in seen(v) and "Goldfish can remember things for months." in seen(v)


# --------------------------------------------------------------------------- numeric


def test_numeric_slider_wrong_close_right(view, store):
    v = view("guess-percent")
    assert isinstance(v.input, w.IntSlider)
    v.input.value = 30
    v.check_button.click()
    text = seen(v)
    assert "✘ Not quite" in text and "Your guess of 30% is too low." in text
    assert "The real figure: 71% (95% interval 70% to 72%)." in text
    assert "[ref2021]" in text
    v.input.value = 80
    v.check_button.click()
    assert "◑ Close" in seen(v) and "a little too high" in seen(v)
    v.input.value = 74
    v.check_button.click()
    text = seen(v)
    assert (
        "✔ Correct" in text
        and "within 5 percentage points of the real figure, a little high" in text
    )
    assert "The real figure: 71%" in text
    assert store.get("example", "guess-percent")["attempts"] == 3


def test_numeric_box_submits_on_enter_once(view, store):
    v = view("guess-box")
    assert isinstance(v.input, w.BoundedFloatText) and v.input.continuous_update is False
    assert v.input.value == 300  # starts at min; Check works without typing
    v.check_button.click()
    assert "Your guess of 300 is too low." in seen(v)
    v.input.value = 310  # what Enter does in the browser: the value arrives
    assert "✘ Not quite" in seen(v) and "Your guess of 310 is too low." in seen(v)
    v.check_button.click()  # same value: shown, not counted twice
    assert store.get("example", "guess-box")["attempts"] == 2
    v.input.value = 368
    assert "✔ Correct" in seen(v) and "within 1% of the real figure" in seen(v)
    v.input.value = 372
    assert "◑ Close" in seen(v)


# --------------------------------------------------------------------------- matching


def test_matching_partial_wrong_right(view, store):
    v = view("sort-things")
    for picker in v.pickers.values():
        assert isinstance(picker, w.RadioButtons)  # Tab + Space, no <select>: see widgets.py
        assert picker.value is None and sorted(label for label, _ in picker.options) == [
            "The land",
            "The sea",
        ]
    v.pickers["whale"].value = "sea"
    v.pickers["cow"].value = "sea"
    v.check_button.click()
    text = seen(v)
    assert "◑ Partly right" in text and "1 of 3 right." in text
    assert "“Whale” → The sea: right. Whales are sea mammals." in text
    assert "“Cow” → The sea: not right." in text and "Cows live on farms" not in text
    assert "“Crab”: not answered yet." in text
    v.pickers["whale"].value = "land"
    v.pickers["crab"].value = "land"
    v.check_button.click()
    assert "✘ Not quite" in seen(v) and "0 of 3 right." in seen(v)
    v.reveal_button.click()
    assert "“Cow” → The land." in seen(v) and "Cows live on farms." in seen(v)
    v.pickers["whale"].value = v.pickers["crab"].value = "sea"
    v.pickers["cow"].value = "land"
    v.check_button.click()
    assert "✔ Correct" in seen(v) and "3 of 3 right." in seen(v)
    assert store.get("example", "sort-things")["attempts"] == 3


# --------------------------------------------------------------------------- reflection


def test_reflection_done_shows_consider_and_records_nothing(view, store):
    v = view("think-about-it")
    assert v.textarea.placeholder == "Only you can see this."
    v.textarea.value = "I learned a lot"
    v.done_button.click()
    text = seen(v)
    assert "✔ Done" in text and "They are not saved." in text
    assert "Some people notice that they learned more than they expected." in text
    assert store.entries() == {}
    assert not store.path.exists()


def test_typed_text_is_never_copied_into_the_page(view):
    v = view("think-about-it")
    v.textarea.value = '<img src=x onerror="alert(1)"> & <b>bold</b> sentinel-7f3a'
    v.done_button.click()
    assert "✔ Done" in v.feedback.value
    # Neither raw (markup injection) nor escaped (a second copy of private text).
    assert "sentinel-7f3a" not in v.feedback.value
    assert "<img" not in v.feedback.value and "<b>bold" not in v.feedback.value


# --------------------------------------------------------------------------- preview


@pytest.mark.parametrize(
    "exercise_id",
    [
        "pick-one",
        "pick-many",
        "true-or-false",
        "myth-or-fact",
        "guess-percent",
        "guess-box",
        "sort-things",
        "think-about-it",
    ],
)
def test_preview_shows_question_not_answers(view, bank, exercise_id):
    v = view(exercise_id)
    bundle = v._repr_mimebundle_()
    q = bank[exercise_id]
    for mime in ("text/html", "text/plain"):
        preview = html.unescape(bundle[mime])
        assert "Run the notebook (Run ▸ Run All Cells) to answer." in preview
        for secret in (
            "Yes. Scattered",
            "Pears are fruits",
            "At normal air",
            "months",
            "Most of it is ocean",
            "71",
            "366",
            "sea mammals",
            "Some people notice",
            "Look up",
        ):
            assert secret not in preview
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == v.widget.model_id
    plain = bundle["text/plain"]
    for text in [o.text for o in getattr(q, "options", ())] + [
        i.text for i in getattr(q, "items", ())
    ]:
        assert text in plain


def test_preview_option_order_matches_widget(view):
    v = view("pick-one")
    lines = [
        line[4:]
        for line in v._repr_mimebundle_()["text/plain"].splitlines()
        if line.startswith("  - ")
    ]
    assert lines == [label for label, _ in v.choices.options]


def test_cite_hook_renders_keys(bank, store):
    v = selfcheck.ExerciseView(
        bank["pick-one"], "example", store, cite=lambda key: f'<a href="#{key}">Ref {key}</a>'
    )
    v.choices.value = "a"
    v.check_button.click()
    assert '<a href="#ref2020">Ref ref2020</a>' in v.feedback.value


def test_import_is_cheap_and_lazy():
    code = (
        "import sys, selfcheck; "
        "print(sorted(m for m in ('ipywidgets','yaml','jsonschema','filelock') "
        "if m in sys.modules)); selfcheck.ExerciseView; print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out == "[]\nTrue\n"
