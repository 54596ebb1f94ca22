"""The clinician checklist: what the learner sees after ticking, and that nothing is kept."""

from __future__ import annotations

import itertools
import re

from pcd.tools._tool import RUN_NOTE
from pcd.tools.checklist import ClinicianChecklist, clinician_checklist, words
from selfcheck.display import WithPreview

# The words live in data/tools/checklist.yaml; the tests read them from there.
CLOSING = words()["closing"]
NOTHING_TICKED = words()["nothing_ticked"]
ITEMS = [(i["id"], i["label"], i["line"]) for i in words()["items"]]

# Words that would turn a neutral list into a label, a verdict or a score.
FORBIDDEN = re.compile(
    r"you (may|might|could|probably|likely) have|you have (a|an|got)\b|you are|sounds like|"
    r"consistent with|"
    r"vulvodynia|vaginismus|dyspareunia|\bPOIS\b|\bPCD\b|syndrome|disorder|score|risk|"
    r"\d+ ?(%|/|out of)",
    re.IGNORECASE,
)


def visible_text(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text)).strip()


def tick(checklist: ClinicianChecklist, *item_ids: str) -> None:
    for item_id in item_ids:
        checklist.boxes[item_id].value = True


def test_starts_empty_with_a_kind_note_and_the_closing_line():
    checklist = ClinicianChecklist()
    shown = visible_text(checklist.summary.value)
    assert shown.startswith(NOTHING_TICKED)
    assert shown.endswith(CLOSING)
    assert all(not box.value for box in checklist.boxes.values())


def test_ticked_items_appear_in_checklist_order_and_others_do_not():
    checklist = ClinicianChecklist()
    tick(checklist, "medication")
    tick(checklist, "pain")
    shown = visible_text(checklist.summary.value)
    lines = dict((item_id, line) for item_id, _label, line in ITEMS)
    assert words()["list_heading"] in shown
    assert shown.index(lines["pain"]) < shown.index(lines["medication"])
    for item_id in ("dryness", "bleeding", "after_ejaculation"):
        assert lines[item_id] not in shown
    assert NOTHING_TICKED not in shown
    assert shown.endswith(CLOSING)


def test_unticking_removes_the_line():
    checklist = ClinicianChecklist()
    tick(checklist, "pain", "dryness")
    checklist.boxes["pain"].value = False
    shown = visible_text(checklist.summary.value)
    assert "Pain during sex" not in shown
    assert "Dryness during sex" in shown


def test_clear_button_unticks_everything_and_resets_the_list():
    checklist = ClinicianChecklist()
    tick(checklist, *(item_id for item_id, _l, _t in ITEMS))
    checklist.clear.click()
    assert not any(box.value for box in checklist.boxes.values())
    assert visible_text(checklist.summary.value).startswith(NOTHING_TICKED)


def test_no_combination_labels_scores_or_drops_the_closing_line():
    checklist = ClinicianChecklist()
    for ticks in itertools.product([False, True], repeat=len(ITEMS)):
        for (item_id, _label, _line), on in zip(ITEMS, ticks, strict=False):
            checklist.boxes[item_id].value = on
        shown = visible_text(checklist.summary.value)
        assert shown.endswith(CLOSING), ticks
        assert FORBIDDEN.search(shown) is None, shown
        assert checklist.text().endswith(CLOSING)
        expected = [line for (item_id, _label, line), on in zip(ITEMS, ticks, strict=False) if on]
        assert checklist.lines() == expected


def test_the_notebook_call_gives_a_live_widget_and_a_static_preview():
    shown = clinician_checklist()
    assert isinstance(shown, WithPreview)
    bundle = shown._repr_mimebundle_()
    for _item_id, label, _line in ITEMS:
        assert label in bundle["text/plain"]
    # the empty list with its closing line, then the one run-the-notebook note
    assert bundle["text/plain"].rstrip().endswith(CLOSING + "\n" + RUN_NOTE)
    assert CLOSING in bundle["text/html"] and RUN_NOTE in bundle["text/html"]
    assert FORBIDDEN.search(visible_text(bundle["text/html"])) is None
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == shown.widget.model_id


def test_every_checkbox_has_a_readable_label():
    checklist = ClinicianChecklist()
    for box in checklist.boxes.values():
        assert box.description and not box.indent


def test_nothing_is_written_to_disk(places, file_writes):
    before = places.files()
    shown = clinician_checklist()
    shown._repr_mimebundle_()
    checklist = ClinicianChecklist()
    tick(checklist, "pain", "bleeding", "low_mood")
    checklist.clear.click()
    assert places.files() == before
    assert file_writes == []  # nor anywhere else on disk
