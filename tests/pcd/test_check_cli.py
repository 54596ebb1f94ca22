"""`python -m pcd check`: what an educator sees after editing a bank."""

from __future__ import annotations

import subprocess
import sys

from pcd.__main__ import main
from pcd.lesson import BANKS_DIR
from pcd.tools._data import TOOLS_DIR

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


def test_every_shipped_bank_is_ok(capsys):
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    banks = sorted(p.name for p in BANKS_DIR.glob("*.yaml"))
    tools = sorted(p.name for p in TOOLS_DIR.glob("*.yaml"))
    # one "ok" line per bank, then one per tool data file
    assert [line.split()[1].rstrip(":") for line in lines] == banks + tools
    assert all(line.startswith("ok ") for line in lines)


def test_a_broken_bank_names_file_exercise_and_field(tmp_path, capsys):
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
