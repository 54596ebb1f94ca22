"""The personal plan builder: what the learner sees, and that nothing is written unless they save."""

from __future__ import annotations

import os

from pcd.tools._tool import RUN_NOTE
from pcd.tools.plan import PLAN_FILENAME, PlanBuilder, plan_builder, strategies, words

# The words live in data/tools/plan.yaml; the tests read them from there.
STRATEGIES = strategies()
LABEL = {s.id: s.label for s in STRATEGIES}
SAVE_LABEL = words()["save_label"]

SENTINEL = "zebra-sentinel-4471 my private words"


def fill(builder: PlanBuilder, notes: str = SENTINEL) -> None:
    builder.checkboxes["talk"].value = True
    builder.checkboxes["aftercare"].value = True
    builder.notes.value = notes


def test_empty_plan_invites_the_learner_to_start():
    builder = PlanBuilder()
    assert words()["empty_plan"] in builder.summary.value
    assert builder.save_button.description == SAVE_LABEL
    assert words()["nothing_saved_yet"] in builder.status.value


def test_summary_follows_the_choices_and_notes():
    builder = PlanBuilder()
    fill(builder, notes="Ask for a hug.\nDrink water.")
    summary = builder.summary.value
    assert LABEL["talk"] in summary
    assert LABEL["aftercare"] in summary
    assert LABEL["went-well"] not in summary
    assert "Ask for a hug.<br>Drink water." in summary
    # each chosen strategy carries its evidence label and source
    assert "Mixed or indirect evidence" in summary
    assert "https://doi.org/10.1007/s10508-014-0305-3" in summary  # Muise et al., 2014

    builder.checkboxes["talk"].value = False
    assert LABEL["talk"] not in builder.summary.value


def test_typed_text_is_html_escaped():
    builder = PlanBuilder()
    builder.notes.value = '<script>alert("x")</script> & <b>bold</b>'
    summary = builder.summary.value
    assert "<script>" not in summary and "<b>bold</b>" not in summary
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in summary
    )


def test_the_write_recorder_sees_a_write_anywhere(tmp_path, file_writes):
    (tmp_path / "draft.md").write_text("x", encoding="utf-8")
    assert file_writes == [f"open {tmp_path / 'draft.md'}"]


def test_nothing_is_written_without_the_save_button(places, file_writes):
    notebook_dir, progress_dir = places
    before = places.files()
    view = plan_builder()
    builder = view  # the notebook's object is the builder: tests drive the same widgets
    fill(builder)
    for box in builder.checkboxes.values():
        box.value = True
    builder.notes.value = SENTINEL + " edited"
    view._repr_mimebundle_()
    assert SENTINEL in builder.summary.value
    assert places.files() == before
    assert list(notebook_dir.iterdir()) == [] and list(progress_dir.iterdir()) == []
    assert file_writes == []  # no draft anywhere else either (home, temp folder, ...)


def test_saving_writes_exactly_the_plan_next_to_the_notebook(places, file_writes):
    notebook_dir, progress_dir = places
    builder = PlanBuilder()
    fill(builder)
    assert file_writes == []
    builder.save_button.click()
    # Only the notebook folder is written to: no copy or draft anywhere else.
    assert file_writes and all(str(notebook_dir) in entry for entry in file_writes), file_writes

    path = notebook_dir / PLAN_FILENAME
    assert sorted(p.name for p in notebook_dir.iterdir()) == [PLAN_FILENAME]
    text = path.read_text(encoding="utf-8")
    assert text == builder.markdown
    assert LABEL["talk"] in text
    assert LABEL["aftercare"] in text
    assert LABEL["went-well"] not in text
    assert SENTINEL in text
    assert "[Muise et al., 2014](https://doi.org/10.1007/s10508-014-0305-3)" in text
    # the learner is told exactly where the file is
    assert str(path.resolve()) in builder.status.value
    assert "✔ Saved your plan" in builder.status.value
    # the progress store is untouched
    assert list(progress_dir.iterdir()) == []


def test_saving_never_overwrites(places):
    notebook_dir, _ = places
    (notebook_dir / PLAN_FILENAME).write_text("an older plan", encoding="utf-8")
    builder = PlanBuilder()
    fill(builder)
    builder.save_button.click()
    builder.checkboxes["comfort"].value = True
    builder.save_button.click()

    assert (notebook_dir / PLAN_FILENAME).read_text(encoding="utf-8") == "an older plan"
    second = notebook_dir / "my-pcd-plan-2.md"
    third = notebook_dir / "my-pcd-plan-3.md"
    assert LABEL["comfort"] not in second.read_text(encoding="utf-8")
    assert third.read_text(encoding="utf-8") == builder.markdown
    assert str(third.resolve()) in builder.status.value


def test_empty_plan_is_not_saved(places):
    notebook_dir, progress_dir = places
    builder = PlanBuilder()
    builder.notes.value = "   \n "
    builder.save_button.click()
    assert "nothing was saved" in builder.status.value
    assert list(notebook_dir.iterdir()) == [] and list(progress_dir.iterdir()) == []


def test_a_failed_save_gives_a_clear_message_and_keeps_the_plan(tmp_path):
    builder = PlanBuilder(directory=tmp_path / "no-such-folder")
    fill(builder)
    builder.save_button.click()  # must not raise
    assert "✘ Your plan could not be saved" in builder.status.value
    assert "No such file or directory" in builder.status.value
    assert SENTINEL in builder.summary.value
    assert not (tmp_path / "no-such-folder").exists()


def test_static_preview_lists_every_strategy_without_a_kernel():
    bundle = plan_builder()._repr_mimebundle_()
    for s in STRATEGIES:
        assert s.label in bundle["text/plain"]
        assert s.label in bundle["text/html"]
    assert bundle["text/plain"].endswith(RUN_NOTE)


def test_every_strategy_has_a_real_label_and_source():
    from pcd.bibliography import keys
    from pcd.labels import LEVELS

    assert len({s.id for s in STRATEGIES}) == len(STRATEGIES)
    for s in STRATEGIES:
        assert s.level in LEVELS
        assert s.cite in keys()


def test_the_working_folder_is_read_when_saving(places, tmp_path):
    """The file goes next to the notebook that is open now, not where the tool was imported."""
    notebook_dir, _ = places
    builder = PlanBuilder()
    fill(builder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    builder.save_button.click()
    assert (elsewhere / PLAN_FILENAME).exists()
    assert list(notebook_dir.iterdir()) == []
