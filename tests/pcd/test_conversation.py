"""The conversation builder and the context chart: what the learner sees, and that nothing is kept."""

from __future__ import annotations

import html
import re

import pytest
from pcd import bibliography
from pcd.tools._tool import RUN_NOTE
from pcd.tools.conversation import (
    NAME_MAX,
    ConversationBuilder,
    context_chart,
    conversation_builder,
    words,
)
from selfcheck.display import WithPreview

# The words live in data/tools/conversation.yaml; the tests read them from there.
PICK_SOMETHING = words()["pick_something"]
NAME_TOO_LONG = words()["name_too_long"].format(max=NAME_MAX)
SITUATIONS = {s["id"]: s for s in words()["situations"]}
MESSAGES = {
    role: [(m["id"], m["label"], m["text"]) for m in ms] for role, ms in words()["messages"].items()
}

SENTINEL = "zebra-sentinel-7731"
# Gendered words that would leave some learners out.
GENDERED = re.compile(r"\b(he|she|him|her|his|hers|boyfriend|girlfriend|husband|wife)\b", re.I)
# Wording that puts the cause on the other person.
BLAMING = re.compile(r"\byou (always|never|made|make)\b|\byour fault\b", re.I)


def visible_text(html_text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text))).strip()


def test_starts_with_an_invitation_and_the_options_for_the_situation():
    builder = ConversationBuilder()
    assert builder.situation.value == "cried"
    assert PICK_SOMETHING in visible_text(builder.result.value)
    labels = [box.description for box in builder.options.children]
    assert labels == [label for _id, label, _text in MESSAGES["self"]]


def test_ticks_give_the_opening_and_the_chosen_sentences_in_order():
    builder = ConversationBuilder()
    builder.boxes["self"]["hug"].value = True
    builder.boxes["self"]["not_you"].value = True
    shown = visible_text(builder.result.value)
    assert words()["result_heading"] in shown
    said = {mid: text for mid, _label, text in MESSAGES["self"]}
    opening = SITUATIONS["cried"]["opening"]
    assert shown.index(opening) < shown.index(said["not_you"]) < shown.index(said["hug"])
    assert said["later"] not in shown
    for tip in words()["tips"]:
        assert tip in shown


def test_switching_to_supporting_a_partner_changes_options_and_wording():
    builder = ConversationBuilder()
    builder.boxes["self"]["hug"].value = True
    builder.situation.value = "support"
    labels = [box.description for box in builder.options.children]
    assert labels == [label for _id, label, _text in MESSAGES["support"]]
    # a tick made for the other situation does not leak into this one
    assert PICK_SOMETHING in visible_text(builder.result.value)
    builder.boxes["support"]["no_explain"].value = True
    shown = visible_text(builder.result.value)
    assert SITUATIONS["support"]["opening"] in shown
    support = {mid: text for mid, _label, text in MESSAGES["support"]}
    assert support["no_explain"] in shown
    assert dict((m, t) for m, _l, t in MESSAGES["self"])["hug"] not in shown


def test_a_typed_name_is_escaped_and_used_in_the_opening():
    builder = ConversationBuilder()
    builder.boxes["self"]["enjoyed"].value = True
    builder.name.value = "<script>alert(1)</script>"
    assert "<script>" not in builder.result.value
    assert "&lt;script&gt;" in builder.result.value
    builder.name.value = "  Sam   Lee "
    opening = html.escape(SITUATIONS["cried"]["opening"])
    assert f"Sam Lee, {opening}" in builder.result.value


def test_a_long_name_is_shortened_with_a_clear_note():
    builder = ConversationBuilder()
    builder.boxes["self"]["enjoyed"].value = True
    builder.name.value = "A" * (NAME_MAX + 25)
    shown = visible_text(builder.result.value)
    assert NAME_TOO_LONG in shown
    assert "A" * NAME_MAX + "," in shown
    assert "A" * (NAME_MAX + 1) not in shown


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_every_sentence_is_inclusive_and_blame_free(situation):
    builder = ConversationBuilder()
    builder.situation.value = situation
    for box in builder.options.children:
        box.value = True
    shown = visible_text(builder.result.value)
    for _id, _label, text in MESSAGES[SITUATIONS[situation]["role"]]:
        assert text in shown
    assert GENDERED.search(shown) is None
    assert BLAMING.search(shown) is None


def test_the_notebook_call_gives_a_live_widget_and_a_static_preview():
    shown = conversation_builder()
    assert isinstance(shown, WithPreview)
    bundle = shown._repr_mimebundle_()
    for situation in SITUATIONS.values():
        assert situation["label"] in bundle["text/plain"]
    assert RUN_NOTE in bundle["text/html"] and RUN_NOTE in bundle["text/plain"]
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == shown.widget.model_id


def test_context_chart_shows_the_study_figures_with_a_description_and_source():
    chart = context_chart()
    assert chart.preview_png.startswith(b"\x89PNG")
    text = chart.preview_text
    for figure in ("77.1%", "11.4%", "72.5%", "21.6%"):
        assert figure in text
    assert bibliography.link("contexts2024") in text
    assert bibliography.cite_html("contexts2024") in chart.preview_html
    live = chart.widget.value
    # the chart never changes: the live view is the preview's figure, with no run note
    assert live in chart.preview_html
    assert RUN_NOTE not in chart.preview_html
    assert '<img src="data:image/png;base64,' in live
    alt = re.search(r'alt="([^"]*)"', live).group(1)
    assert "Grouped bar chart" in alt and "77.1%" in alt


def test_context_chart_is_reproducible():
    assert context_chart().preview_png == context_chart().preview_png


def test_nothing_is_written_to_disk(places, file_writes):
    before = places.files()
    conversation_builder()._repr_mimebundle_()
    builder = ConversationBuilder()
    builder.name.value = SENTINEL
    for box in builder.options.children:
        box.value = True
    assert SENTINEL in builder.result.value
    context_chart()
    assert places.files() == before
    assert file_writes == []  # nor anywhere else on disk
