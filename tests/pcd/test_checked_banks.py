"""Shipped banks skip the schema check (and jsonschema's import) only while their text and the
engine's rules are exactly those `make notebooks` checked in full; anything else, an
educator's edit above all, is checked in full with the same kind messages (pcd.lesson)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pcd import lesson
from selfcheck import BankError, loading


def test_the_committed_list_is_exactly_the_banks_checked_now():
    committed = sorted(lesson.checked_banks())
    assert committed == lesson.checked_digests(), "run `make notebooks` to refresh it"
    assert len(committed) == len(lesson.bank_names())  # every shipped bank passes


def test_a_checked_bank_loads_without_importing_jsonschema():
    code = (
        "import sys\n"
        "from pcd import lesson\n"
        "assert lesson.load('01-what-is-pcd').exercises\n"
        "lesson.load_banks()\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_edited_bank_is_checked_in_full(content_copy):
    path = content_copy / "banks" / "01-what-is-pcd.yaml"
    assert loading.bank_digest(path.read_bytes()) in lesson.checked_banks()
    text = path.read_text(encoding="utf-8")
    # A field the schema does not know: only the schema check can catch it.
    path.write_text(text.replace("\n  - id: ", "\n  - colour: blue\n    id: ", 1), "utf-8")
    with pytest.raises(BankError, match=r"field 'colour': unknown field"):
        lesson.load("01-what-is-pcd")


def test_a_digest_made_under_other_rules_vouches_for_nothing(monkeypatch):
    source = (lesson.bank_path("01-what-is-pcd")).read_bytes()
    broken = source.replace(b"\n  - id: ", b"\n  - colour: blue\n    id: ", 1)
    # Vouched for under these rules, the schema check is skipped (what makes it fast) ...
    assert loading.parse_bank(broken, "01-what-is-pcd.yaml", checked={loading.bank_digest(broken)})
    # ... but a digest from before the rules changed is void: the check runs again.
    old = loading.bank_digest(broken)
    monkeypatch.setattr(loading, "_rules_digest", lambda: b"the rules, changed")
    with pytest.raises(BankError, match="unknown field"):
        loading.parse_bank(broken, "01-what-is-pcd.yaml", checked={old})
