"""`python -m pcd check`: what an educator sees after editing a bank, the bibliography or the
study data. The rules themselves are tested in test_validate.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pcd import content, validate
from pcd.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "modules" / "pcd"

BROKEN = """\
bank: broken
title: A bank with one mistake
exercises:
  - id: pick
    type: single
    prompt: Which one?
    options:
      - {id: a, text: A, explanation: Yes.}
      - {id: b, text: B, explanation: No.}
    answer: c
"""


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of the repository's content, read through PCD_CONTENT_DIR."""
    folder = tmp_path / "pcd"
    shutil.copytree(SHIPPED / "banks", folder / "banks")
    shutil.copytree(SHIPPED / "data", folder / "data")
    monkeypatch.setenv(content.ENV_VAR, str(folder))
    return folder


def expected_files(folder: Path) -> list[str]:
    files = ["data/bibliography.yaml", "data/prevalence.csv"]
    return files + [f"banks/{p.name}" for p in sorted((folder / "banks").glob("*.yaml"))]


def test_every_shipped_file_is_ok(capsys, monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")  # as an educator runs it, from the checkout
    assert main(["check"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert str(SHIPPED) in header and "checkout" in header
    # One ok line per file the notebooks read, and nothing else.
    assert lines == [f"ok       {name}" for name in expected_files(SHIPPED)]


def test_the_registry_covers_every_content_file():
    # A data file or bank that no check knows would be read by the notebooks unchecked.
    checked = {path for _, path in validate.content_files(SHIPPED)}
    on_disk = {p for p in (SHIPPED / "data").iterdir() if p.is_file()}
    on_disk |= set((SHIPPED / "banks").glob("*"))
    assert on_disk <= checked, sorted(map(str, on_disk - checked))


def test_a_broken_bank_in_the_checkout_fails_the_check(copy, capsys):
    broken = BROKEN.replace("bank: broken", "bank: 00-start-here")
    (copy / "banks" / "00-start-here.yaml").write_text(broken, encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (
        "problem  00-start-here.yaml: exercise 'pick': field 'answer': "
        "'c' is not one of the options a, b"
    ) in out
    assert "ok       banks/01-what-is-pcd.yaml" in out  # the others are still checked


def test_a_broken_bibliography_fails_the_check(copy, capsys):
    bib = copy / "data" / "bibliography.yaml"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "doi: 10.1080/19317611.2010.509689", "doi: 10.1080/"
        ),
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (
        "problem  bibliography.yaml: entry 'bird2011': field 'doi': '10.1080/' is not a DOI (10.NNNN/...)"
        in out
    )


def test_a_yaml_slip_in_the_bibliography_is_one_clear_line(copy, capsys):
    bib = copy / "data" / "bibliography.yaml"
    bib.write_text(bib.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "problem  bibliography.yaml: YAML syntax error at line" in out
    # The banks are still checked, without the citation keys they cannot be checked against.
    assert "ok       banks/01-what-is-pcd.yaml" in out


def test_a_broken_data_file_fails_the_check(copy, capsys):
    csv = copy / "data" / "prevalence.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",32.9,", ",about 33,"), "utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "problem  prevalence.csv: line 2: field 'percent': 'about 33' is not a number" in out


def test_no_banks_at_all_is_a_problem(copy, capsys):
    shutil.rmtree(copy / "banks")
    (copy / "banks").mkdir()
    assert main(["check"]) == 1
    assert "problem  banks/*.yaml: no such files in" in capsys.readouterr().out


def test_a_named_bank_file_names_file_exercise_and_field(tmp_path, capsys):
    bank = tmp_path / "broken.yaml"
    bank.write_text(BROKEN, encoding="utf-8")
    assert main(["check", str(bank)]) == 1
    out = capsys.readouterr().out
    assert (
        "problem  broken.yaml: exercise 'pick': field 'answer': 'c' is not one of the options a, b"
        in out
    )


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "pcd", "check", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "problem" in run.stdout and "nope.yaml" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
