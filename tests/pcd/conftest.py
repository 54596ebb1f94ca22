"""Fixtures shared by the tool tests: a sandbox in which to prove that nothing is written."""

from __future__ import annotations

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
