"""Fixtures shared by the tool tests: a sandbox in which to prove that nothing is written."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NamedTuple

import pytest


class Places(NamedTuple):
    """A notebook folder (the working folder) and an empty progress folder, under one root."""

    notebooks: Path
    progress: Path

    def files(self) -> dict[str, bytes]:
        """Every file under both folders, with its content, to compare before and after."""
        return {
            str(path): path.read_bytes()
            for folder in self
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }


@pytest.fixture
def places(tmp_path, monkeypatch) -> Places:
    notebooks, progress = tmp_path / "notebooks", tmp_path / "progress"
    notebooks.mkdir()
    progress.mkdir()
    monkeypatch.chdir(notebooks)
    monkeypatch.setenv("SELFCHECK_PROGRESS_DIR", str(progress))
    monkeypatch.delenv("SELFCHECK_NO_SAVE", raising=False)
    return Places(notebooks, progress)


# Every file this process opens for writing (or renames, removes, creates a folder for) while a
# test that uses `file_writes` runs, anywhere on disk: the `places` folders alone would miss a
# draft written to the home or temp folder. Audit hooks cannot be removed, so one hook is
# installed once and records only while a test has switched it on.
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_recording: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if not _recording:
        return
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None))[:3]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writes and not isinstance(path, int):
            _recording[-1].append(f"open {path}")
    elif event in ("os.rename", "os.replace", "os.remove", "os.mkdir", "shutil.copyfile"):
        _recording[-1].append(f"{event} {args[0]}")


sys.addaudithook(_audit)


@pytest.fixture
def file_writes():
    """A list that collects every file write made by this process during the test."""
    log: list[str] = []
    _recording.append(log)
    yield log
    _recording.remove(log)


SHIPPED_CONTENT = Path(__file__).resolve().parents[2] / "modules" / "pcd"


@pytest.fixture
def content_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the repository's content (banks/ and data/), read through PCD_CONTENT_DIR,
    for tests that break a file the way an educator might."""
    from pcd import content

    folder = tmp_path / "pcd"
    shutil.copytree(SHIPPED_CONTENT / "banks", folder / "banks")
    shutil.copytree(SHIPPED_CONTENT / "data", folder / "data")
    monkeypatch.setenv(content.ENV_VAR, str(folder))
    return folder
