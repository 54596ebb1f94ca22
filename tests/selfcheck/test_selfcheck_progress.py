"""Progress store: format, atomic and concurrent writes, corruption recovery, no-save mode,
privacy of reflections, and the overview widget."""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
from pathlib import Path

import pytest
import selfcheck
import selfcheck.progress
from selfcheck import ProgressOverview, ProgressStore

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


def all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_nothing_is_written_before_the_first_record(tmp_path):
    store = ProgressStore(tmp_path / "progress")
    assert store.entries() == {} and store.get("b", "x") is None
    assert not (tmp_path / "progress").exists()
    store.record("b", "x", True)
    assert store.path == tmp_path / "progress" / "progress.json"
    assert store.path.exists()


def test_file_format(tmp_path):
    store = ProgressStore(tmp_path)
    store.record("01-intro", "q1", False)
    store.record("01-intro", "q1", True)
    store.record("01-intro", "q2", True)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    q1, q2 = data["exercises"]["01-intro/q1"], data["exercises"]["01-intro/q2"]
    assert set(q1) == {"attempts", "first_try_correct", "last_result", "updated", "last_wrong"}
    assert (q1["attempts"], q1["first_try_correct"], q1["last_result"]) == (2, False, "correct")
    assert ISO.match(q1["updated"]) and ISO.match(q1["last_wrong"])
    assert (q2["attempts"], q2["first_try_correct"], q2["last_wrong"]) == (1, True, None)
    # A second store (another notebook) sees the same data.
    assert ProgressStore(tmp_path).get("01-intro", "q1")["attempts"] == 2


def test_default_folder_env_and_jupyter_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SELFCHECK_PROGRESS_DIR", str(tmp_path / "env"))
    assert ProgressStore().path == tmp_path / "env" / "progress.json"
    monkeypatch.delenv("SELFCHECK_PROGRESS_DIR")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jdata"))
    assert ProgressStore().path == tmp_path / "jdata" / "selfcheck" / "progress.json"


def _hammer(folder: str, worker: int, count: int) -> None:
    store = ProgressStore(folder)
    for i in range(count):
        store.record(f"bank{worker % 2}", f"ex-{i % 5}", i % 3 == 0)


def test_four_processes_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_hammer, args=(str(tmp_path), n, 50)) for n in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    entries = ProgressStore(tmp_path).entries()
    assert sum(e["attempts"] for e in entries.values()) == 200
    assert len(entries) == 10 and all(e["attempts"] == 20 for e in entries.values())
    assert not list(tmp_path.glob(".progress-*"))  # no temporary files left behind


def test_crash_before_rename_keeps_old_file(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path)
    store.record("b", "x", True)
    before = store.path.read_bytes()

    def crash(src, dst):
        assert Path(src).read_bytes()  # the new content was fully written first
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(selfcheck.progress.os, "replace", crash)
    store.record("b", "y", False)  # must not raise at the learner
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert json.loads(before)["exercises"].keys() == {"b/x"}
    assert not list(tmp_path.glob(".progress-*"))
    notice = store.take_notice()
    assert notice.startswith(
        "Your progress could not be saved on this computer (No space left on device)."
    )
    assert store.get("b", "y")["attempts"] == 1  # kept in memory for this session
    assert store.take_notice() is None


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"version": 1, "exercises": {"b/x": {"attempts": "many"}}}',
    ],
)
def test_corrupt_file_is_moved_aside_with_one_notice(tmp_path, content):
    tmp_path.joinpath("progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    assert store.entries() == {}  # reading never fails
    store.record("b", "x", True)
    backups = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert re.fullmatch(r"progress\.json\.corrupt-\d{8}T\d{6}", backups[0].name)
    assert ProgressStore(tmp_path).get("b", "x")["attempts"] == 1
    notice = store.take_notice()
    assert notice == (
        f"Your saved progress file could not be read, so it was set aside as "
        f"{backups[0].name} and a fresh one was started. Your answers from now "
        "on are saved as usual."
    )
    assert store.take_notice() is None


def test_unknown_fields_in_the_file_are_dropped_on_the_next_write(tmp_path):
    # The store keeps only its own counters: text that found its way into the file (an older
    # version, a hand edit) is not carried forward.
    tmp_path.joinpath("progress.json").write_text(
        json.dumps(
            {
                "version": 1,
                "exercises": {
                    "b/x": {
                        "attempts": 1,
                        "first_try_correct": True,
                        "last_result": "correct",
                        "updated": "2025-01-01T12:00:00+00:00",
                        "last_wrong": None,
                        "note": "SENTINEL-typed-words",
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    store = ProgressStore(tmp_path)
    assert "note" not in store.get("b", "x")
    store.record("b", "y", True)
    text = store.path.read_text(encoding="utf-8")
    assert "SENTINEL-typed-words" not in text
    assert json.loads(text)["exercises"]["b/x"]["attempts"] == 1  # the real data is kept


def test_backups_never_overwrite_each_other(tmp_path):
    for _ in range(3):
        tmp_path.joinpath("progress.json").write_text("garbage")
        ProgressStore(tmp_path).record("b", "x", True)
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 3


def test_view_shows_the_corruption_notice(tmp_path, bank):
    tmp_path.joinpath("progress.json").write_text("garbage")
    view = selfcheck.ExerciseView(bank["true-or-false"], "example", ProgressStore(tmp_path))
    view.true_button.click()
    assert "set aside as progress.json.corrupt-" in view.feedback.value
    assert "✔ Correct" in view.feedback.value
    view.true_button.click()
    assert "set aside" not in view.feedback.value


@pytest.mark.parametrize("how", ["env", "argument"])
def test_disabled_saving_writes_nothing(tmp_path, monkeypatch, bank, how):
    folder = tmp_path / "progress"
    if how == "env":
        monkeypatch.setenv("SELFCHECK_NO_SAVE", "1")
        store = ProgressStore(folder)
    else:
        store = ProgressStore(folder, save=False)
    view = selfcheck.ExerciseView(bank["pick-one"], "example", store)
    view.choices.value = "a"
    view.check_button.click()
    assert "✔ Correct" in view.feedback.value
    assert store.get("example", "pick-one")["attempts"] == 1
    store.reset()
    assert not folder.exists() and all_files(tmp_path) == []


def test_reset_removes_only_our_file(tmp_path):
    tmp_path.joinpath("progress.json").write_text("garbage")
    store = ProgressStore(tmp_path)
    store.record("b", "x", True)
    tmp_path.joinpath("notes.txt").write_text("mine")
    store.reset()
    assert store.entries() == {} and not store.path.exists()
    assert tmp_path.joinpath("notes.txt").exists()
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


def test_reflection_text_never_reaches_disk_or_preview(tmp_path, bank):
    sentinel = "SENTINEL-7f3a-private-thought"
    store = ProgressStore(tmp_path / "progress")
    views = {
        qid: selfcheck.ExerciseView(bank[qid], "example", store)
        for qid in ("think-about-it", "pick-one")
    }
    views["pick-one"].choices.value = "a"
    views["pick-one"].check_button.click()  # so a progress file exists
    reflection = views["think-about-it"]
    reflection.textarea.value = sentinel
    reflection.done_button.click()
    assert "Done" in reflection.feedback.value
    assert sentinel not in html.unescape(reflection.feedback.value)  # only in the text box
    files = all_files(tmp_path)
    assert files, "expected a progress file to inspect"
    for path in files:
        assert sentinel.encode() not in path.read_bytes(), path
    bundle = reflection._repr_mimebundle_()
    assert all(sentinel not in str(value) for value in bundle.values())
    assert sentinel not in json.dumps(store.entries())


# --------------------------------------------------------------------------- overview


def _cells(overview) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", overview.table.value)
    return [[html.unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", r)] for r in rows]


def test_overview_counts_and_total(tmp_path, bank):
    other = selfcheck.parse_bank(
        "bank: other\ntitle: Other bank\nexercises:\n"
        "  - {id: a, type: truefalse, statement: S, answer: true}\n"
        "  - {id: r, type: reflection, prompt: P}\n",
        "other.yaml",
    )
    store = ProgressStore(tmp_path)
    overview = ProgressOverview(store, [bank, other])
    assert _cells(overview) == [
        ["Notebook", "Exercises tried", "Right first time"],
        ["Example bank", "0 of 7", "0 of 7"],
        ["Other bank", "0 of 1", "0 of 1"],
        ["All notebooks", "0 of 8", "0 of 8"],
    ]
    preview = overview._repr_mimebundle_()
    assert "0 of 7" in preview["text/html"] and "Example bank" in preview["text/plain"]
    view = selfcheck.ExerciseView(bank["pick-one"], "example", store)
    view.choices.value = "b"
    view.check_button.click()
    view.choices.value = "a"
    view.check_button.click()
    selfcheck.ExerciseView(other["a"], "other", store).true_button.click()
    # Refreshed through the store's listeners, no button needed. This holds only for views and
    # an overview that share one store, as they are given one here; that the notebooks' entry
    # points share the kernel's store is tests/pcd/test_shared_store.py's job.
    assert _cells(overview)[1:] == [
        ["Example bank", "1 of 7", "0 of 7"],
        ["Other bank", "1 of 1", "1 of 1"],
        ["All notebooks", "2 of 8", "1 of 8"],
    ]


def test_overview_reset_needs_confirmation(tmp_path, bank):
    store = ProgressStore(tmp_path)
    store.record("example", "pick-one", True)
    overview = ProgressOverview(store, [bank])
    assert overview.confirm.layout.display == "none"
    overview.reset_button.click()
    assert overview.confirm.layout.display != "none"
    assert "It cannot be undone." in overview.confirm.children[0].value
    overview.cancel_button.click()
    assert overview.confirm.layout.display == "none"
    assert "Nothing was deleted." in overview.status.value and store.path.exists()
    assert _cells(overview)[1] == ["Example bank", "1 of 7", "1 of 7"]
    overview.reset_button.click()
    overview.yes_button.click()
    assert "✔ Your progress was reset." in overview.status.value
    assert not store.path.exists()
    assert _cells(overview)[1] == ["Example bank", "0 of 7", "0 of 7"]


def test_import_and_reading_write_no_files(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCHECK_")}
    env.update(
        HOME=str(tmp_path), JUPYTER_DATA_DIR=str(tmp_path / "data"), PYTHONDONTWRITEBYTECODE="1"
    )
    code = (
        "import selfcheck; s = selfcheck.ProgressStore(); s.entries(); s.get('b', 'x'); "
        "print(s.path)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    assert out.strip() == str(tmp_path / "data" / "selfcheck" / "progress.json")
    assert list(tmp_path.iterdir()) == []
