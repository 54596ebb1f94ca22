"""Drive every exercise type through its widgets and assert what the learner sees."""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys

import ipywidgets as w
import pytest
import selfcheck
import traitlets
from selfcheck.accessible import ChoiceGroup, LiveRegion
from selfcheck.widgets import seeded_order


def seen(view) -> str:
    """The feedback as a learner reads it: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", view.feedback.value))


def test_the_live_region_is_one_widget_that_only_changes_its_content(view):
    # What a screen reader needs, asserted through the accessibility tree in
    # tests/browser/test_browser_exercises.py; here: the feedback is shown from the start,
    # empty, and a check changes its value, not the widget.
    v = view("pick-one")
    assert isinstance(v.feedback, LiveRegion) and v.feedback in v.widget.children
    assert v.feedback.value == "" and v.feedback.status == ""
    v.answer("b")
    assert v.feedback in v.widget.children and v.feedback.status == "incorrect"
    assert "Not quite" in v.feedback.value
    assert all(b.tooltip for b in [*v.control.buttons, v.hint_button, v.reveal_button])


def test_choices_are_one_group_named_by_the_question(view):
    v = view("pick-one")
    group = v.control.group
    assert isinstance(group, ChoiceGroup) and not group.multiple
    assert "Which colour is the <strong>sky</strong>" in group.legend
    assert v.prompt is None  # the legend is the prompt: shown and read once
    many = view("pick-many").control.group
    assert many.multiple and many.legend.count("Select all that apply.") == 1


def test_select_all_that_apply_is_said_once(bank, store):
    q = bank["pick-many"]
    for prompt in ("Which are fruits?", "Which are fruits? Select all that apply."):
        v = selfcheck.ExerciseView(dataclasses.replace(q, prompt=prompt), "example", store)
        assert v.control.group.legend.count("Select all that apply.") == 1, prompt


def test_a_choice_group_refuses_unknown_or_several_radio_choices(view):
    group = view("pick-one").control.group
    with pytest.raises(traitlets.TraitError, match="unknown option ids"):
        group.value = ["zz"]
    with pytest.raises(traitlets.TraitError, match="at most one"):
        group.value = ["a", "b"]


# --------------------------------------------------------------------------- single


def test_single_wrong_then_right(view, store, capsys):
    v = view("pick-one")
    v.answer("b")
    text = seen(v)
    assert "✘ Not quite" in text
    assert "“Green”: not right. Green is the grass." in text
    assert "Blue" not in text  # the right answer is not given away
    v.answer("a")
    assert "✔ Correct" in seen(v)
    assert "Yes. Scattered sunlight makes it blue." in seen(v)
    assert "[ref2020]" in seen(v)
    assert store.get("example", "pick-one")["attempts"] == 2
    assert store.get("example", "pick-one")["first_try_correct"] is False
    assert capsys.readouterr().out == ""  # feedback lives in widget state only


def test_single_nothing_chosen_is_not_recorded(view, store):
    v = view("pick-one")
    v.control.press()
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
    v.answer("b")
    assert v.reveal_button.layout.display == "none"
    v.answer("c")
    assert v.reveal_button.layout.display != "none"
    v.reveal_button.click()
    text = seen(v)
    assert "ⓘ The answer" in text and "The answer: “Blue”." in text
    assert "Only at sunset." in text  # every option's explanation is shown


def test_reveal_after_is_configurable(view):
    assert view("pick-one", reveal_after=0).reveal_button.layout.display != "none"
    v = view("pick-one", reveal_after=1)
    v.answer("c")
    assert v.reveal_button.layout.display != "none"


def test_seeded_order_is_stable_across_processes(view, bank):
    v = view("pick-one")
    shown = [label for _, label in v.control.group.options]
    assert shown == [o.text for o in seeded_order("pick-one", bank["pick-one"].options)]
    assert view("pick-one").control.group.options == v.control.group.options
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
    v.answer({"a"})
    text = seen(v)
    assert "◑ Partly right" in text and "“Apple”: right. Apples grow on trees." in text
    assert "There is at least one more right answer." in text
    assert "Pear" not in text and "Carrot" not in text  # unpicked choices are not judged
    v.answer({"c"})
    assert "✘ Not quite" in seen(v) and "“Carrot”: not right." in seen(v)
    v.reveal_button.click()
    text = seen(v)
    assert "“Apple”: this one also applies." in text and "“Potato”: rightly left out." in text
    v.answer({"a", "b"})
    assert "✔ Correct" in seen(v) and "There is at least one more" not in seen(v)
    entry = store.get("example", "pick-many")
    assert entry["attempts"] == 3 and entry["last_result"] == "correct"


# --------------------------------------------------------------------------- true / false


def test_truefalse_buttons(view, store):
    v = view("true-or-false")
    buttons = (v.control.true_button.description, v.control.false_button.description)
    assert buttons == ("True", "False")
    v.answer(False)
    assert "✘ Not quite" in seen(v) and "This statement is true." in seen(v)
    assert "At normal air pressure it does." in seen(v)
    v.answer(True)
    assert "✔ Correct" in seen(v)
    assert store.get("example", "true-or-false")["attempts"] == 2


def test_myth_fact_style(view):
    v = view("myth-or-fact")
    buttons = (v.control.true_button.description, v.control.false_button.description)
    assert buttons == ("Fact", "Myth")
    assert "Myth or fact?" in v.prompt.value
    v.answer(True)
    assert "✘ Not quite" in seen(v) and "This is a myth." in seen(v)
    v.answer(False)
    assert "✔ Correct" in seen(v) and "Goldfish can remember things for months." in seen(v)


# --------------------------------------------------------------------------- numeric


def test_numeric_slider_wrong_close_right(view, store):
    v = view("guess-percent")
    assert isinstance(v.control.input, w.IntSlider)
    v.answer(30)
    text = seen(v)
    assert "✘ Not quite" in text and "Your guess of 30% is too low." in text
    assert "The real figure: 71% (95% interval 70% to 72%)." in text
    assert "[ref2021]" in text
    v.answer(80)
    assert "◑ Close" in seen(v) and "a little too high" in seen(v)
    v.answer(74)
    text = seen(v)
    assert (
        "✔ Correct" in text
        and "within 5 percentage points of the real figure, a little high" in text
    )
    assert "The real figure: 71%" in text
    assert store.get("example", "guess-percent")["attempts"] == 3


def test_numeric_box_submits_on_enter_once(view, store):
    v = view("guess-box")
    box = v.control.input
    assert isinstance(box, w.BoundedFloatText) and box.continuous_update is False
    assert box.value == 300  # starts at min; Check works without typing
    v.control.press()
    assert "Your guess of 300 is too low." in seen(v)
    box.value = 310  # what Enter does in the browser: the value arrives
    assert "✘ Not quite" in seen(v) and "Your guess of 310 is too low." in seen(v)
    v.control.press()  # same value: shown, not counted twice
    assert store.get("example", "guess-box")["attempts"] == 2
    box.value = 368
    assert "✔ Correct" in seen(v) and "within 1% of the real figure" in seen(v)
    box.value = 372
    assert "◑ Close" in seen(v)


# --------------------------------------------------------------------------- matching


def test_matching_partial_wrong_right(view, store):
    v = view("sort-things")
    for picker in v.control.pickers.values():
        assert isinstance(picker, ChoiceGroup)  # radios, no <select>: see controls.py
        assert not picker.multiple and picker.value == []
        assert sorted(label for _, label in picker.options) == ["The land", "The sea"]
    v.answer({"whale": "sea", "cow": "sea"})
    text = seen(v)
    assert "◑ Partly right" in text and "1 of 3 right." in text
    assert "“Whale” → The sea: right. Whales are sea mammals." in text
    assert "“Cow” → The sea: not right." in text and "Cows live on farms" not in text
    assert "“Crab”: not answered yet." in text
    v.answer({"whale": "land", "cow": "sea", "crab": "land"})
    assert "✘ Not quite" in seen(v) and "0 of 3 right." in seen(v)
    v.reveal_button.click()
    assert "“Cow” → The land." in seen(v) and "Cows live on farms." in seen(v)
    v.answer({"whale": "sea", "crab": "sea", "cow": "land"})
    assert "✔ Correct" in seen(v) and "3 of 3 right." in seen(v)
    assert store.get("example", "sort-things")["attempts"] == 3


# --------------------------------------------------------------------------- reflection


def test_reflection_done_shows_consider_and_records_nothing(view, store):
    v = view("think-about-it")
    assert v.control.textarea.placeholder == "Only you can see this."
    v.answer("I learned a lot")
    text = seen(v)
    assert "✔ Done" in text and "They are not saved." in text
    assert "Some people notice that they learned more than they expected." in text
    assert store.entries() == {}
    assert not store.path.exists()


def test_typed_text_is_never_copied_into_the_page(view):
    v = view("think-about-it")
    v.answer('<img src=x onerror="alert(1)"> & <b>bold</b> sentinel-7f3a')
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
    assert lines == [label for _, label in v.control.group.options]


def test_cite_hook_renders_keys(bank, store):
    v = selfcheck.ExerciseView(
        bank["pick-one"], "example", store, cite=lambda key: f'<a href="#{key}">Ref {key}</a>'
    )
    v.answer("a")
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


def test_a_choice_from_the_page_arrives_as_a_message(view):
    # What the front end sends on every change (see accessible.py for why not a state sync).
    v = view("pick-one")
    group = v.control.group
    message = {"method": "custom", "content": {"chosen": ["b"]}}
    group._handle_msg({"content": {"data": message}, "buffers": []})
    assert group.value == ["b"] and v.response() == "b"
    v.control.press()
    assert "✘ Not quite" in v.feedback.value


def test_a_choice_from_the_page_is_not_sent_back(view, monkeypatch):
    group = view("pick-one").control.group
    sent = []
    monkeypatch.setattr(group, "_send", lambda msg, buffers=None: sent.append(msg))
    message = {"method": "custom", "content": {"chosen": ["c"]}}
    group._handle_msg({"content": {"data": message}, "buffers": []})
    assert group.value == ["c"] and sent == []
    group.value = ["a"]  # a change made in Python is sent, as usual
    assert sent and sent[-1]["state"] == {"value": ["a"]}
