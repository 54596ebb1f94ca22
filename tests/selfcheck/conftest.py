"""Shared fixtures: the example bank and a progress store in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import selfcheck

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "example.yaml"
REFS = {"ref2020", "ref2021"}


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path, monkeypatch):
    # No test may ever touch a real Jupyter data folder.
    monkeypatch.setenv("SELFCHECK_PROGRESS_DIR", str(tmp_path / "progress"))
    monkeypatch.delenv("SELFCHECK_NO_SAVE", raising=False)


@pytest.fixture
def example_path():
    return EXAMPLE


@pytest.fixture
def bank():
    return selfcheck.load_bank(EXAMPLE, known_refs=REFS)


@pytest.fixture
def store(tmp_path):
    return selfcheck.ProgressStore(tmp_path / "progress")


@pytest.fixture
def view(bank, store):
    """view("exercise-id") -> a fresh ExerciseView on the example bank."""

    def make(exercise_id, **kwargs):
        return selfcheck.ExerciseView(bank[exercise_id], bank_name="example", store=store, **kwargs)

    return make
