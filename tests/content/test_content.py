"""Content rules from CONTRIBUTING.md and rules.md, checked on every notebook, bank and data file.

Parametrized per notebook and per bank, so a failure names the file: run one notebook's checks
with `.venv/bin/python -m pytest tests/content -q -k 03`.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from pcd import bibliography, labels, validate
from selfcheck import BankError, load_bank

from . import nbcontent as C
from .conftest import EXERCISES, GRADES

NOTEBOOKS = [pytest.param(p, id=p.stem) for p in C.notebook_paths()]
BANKS = [pytest.param(p, id=p.stem) for p in C.bank_paths()]
KNOWN_LINKS = {bibliography.link(k): k for k in bibliography.keys()}

MIN_EXERCISES = 4
MIN_TYPES = 3


# The in-text form of a citation: "Bird et al., 2011", "Exton et al., 2001a", "Toussaint et al., n.d."
CITATION_TEXT = re.compile(r".+, (?:\d{4}[ab]?|n\.d\.)")


def test_there_is_a_notebook_and_a_bank_for_each_of_the_ten_topics():
    # Guards every parametrized check below: an empty glob would silently run none of them.
    notebooks = [p.stem for p in C.notebook_paths()]
    assert len(notebooks) == 10, notebooks
    assert notebooks == [p.stem for p in C.bank_paths()]


def _cited_keys(nb: dict) -> list[str]:
    return [
        key for cell in C.markdown(nb) for _, _, key in C.citation_links(cell, KNOWN_LINKS) if key
    ]


# --- notebooks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_citation_links_match_the_bibliography(path):
    problems = []
    for cell in C.markdown(C.read_notebook(path)):
        cited = {(label, target) for label, target, _ in C.citation_links(cell, KNOWN_LINKS)}
        for label, target in C.links(cell):
            # A citation-shaped link to somewhere that is neither a DOI nor a bibliography url
            # (e.g. a PubMed page) would escape every check below.
            if CITATION_TEXT.fullmatch(label) and "://" in target and (label, target) not in cited:
                problems.append(f"[{label}]({target}): not a bibliography link; cite with a DOI")
        for label, target, key in C.citation_links(cell, KNOWN_LINKS):
            if key is None:
                problems.append(f"[{label}]({target}): this DOI is not in bibliography.yaml")
            elif label != bibliography.in_text(key):
                problems.append(f"[{label}]({target}): write {bibliography.cite(key)}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_references_call_lists_every_cited_key(path):
    nb = C.read_notebook(path)
    listed = C.reference_keys(nb)
    assert listed is not None, f"{path.name}: end with a lesson.references(...) cell"
    unknown = sorted(set(listed) - bibliography.keys())
    assert not unknown, f"{path.name}: lesson.references() names unknown keys {unknown}"
    missing = sorted(set(_cited_keys(nb)) - set(listed))
    assert not missing, f"{path.name}: cited in Markdown but not in lesson.references(): {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_evidence_badges_are_the_four_labels(path):
    valid = labels.all_badges()
    bad = [
        span
        for cell in C.markdown(C.read_notebook(path))
        for span in C.inline_code(cell)
        if span.startswith("Evidence") and span not in valid
    ]
    assert not bad, f"{path.name}: not an evidence badge: {bad}; use pcd.labels.badge(level)"


def _shown_questions(path):
    nb = C.read_notebook(path)
    bank_name = C.lesson_bank(nb)
    assert bank_name == path.stem, f"{path.name}: the setup cell should be Lesson({path.stem!r})"
    bank = load_bank(C.BANKS_DIR / f"{bank_name}.yaml", known_refs=bibliography.keys())
    ids = C.exercise_ids(nb)
    unknown = [i for i in ids if i not in bank]
    assert not unknown, f"{path.name}: no such exercise in {bank_name}.yaml: {unknown}"
    return [bank[i] for i in dict.fromkeys(ids)]


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_exercise_shown_exists(path):
    _shown_questions(path)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_enough_exercises_of_enough_types(path):
    # The same rule for every notebook, 09-review included: its own bank covers every type.
    questions = _shown_questions(path)
    types = Counter(q.type for q in questions)
    EXERCISES[path.stem] = f"{len(questions)} exercises: " + ", ".join(
        f"{n} {t}" for t, n in sorted(types.items())
    )
    print(f"\n{path.name}: {EXERCISES[path.stem]}")
    assert len(questions) >= MIN_EXERCISES, (
        f"{path.name}: shows {len(questions)} exercises, needs {MIN_EXERCISES}"
    )
    assert len(types) >= MIN_TYPES, (
        f"{path.name}: exercise types {dict(types)}; needs {MIN_TYPES} types"
    )
    assert types["reflection"] >= 1, f"{path.name}: needs one private reflection"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_narrative_reads_at_grade_9_or_below(path):
    grade = C.readability(C.markdown(C.read_notebook(path)))
    GRADES[path.stem] = grade
    print(f"\n{path.name}: Flesch-Kincaid grade {grade:.2f}")
    assert grade <= C.MAX_GRADE, f"{path.name}: Flesch-Kincaid grade {grade:.2f} > {C.MAX_GRADE}"


# --- banks --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BANKS)
def test_bank_citations_resolve(path):
    try:
        load_bank(path, known_refs=bibliography.keys())
    except BankError as exc:
        pytest.fail(str(exc))


@pytest.mark.parametrize("path", BANKS)
def test_every_bank_exercise_is_shown_in_a_notebook(path):
    bank = load_bank(path, known_refs=bibliography.keys())
    shown = set()
    for nb_path in C.notebook_paths():
        nb = C.read_notebook(nb_path)
        if C.lesson_bank(nb) == bank.name:
            shown.update(C.exercise_ids(nb))
    missing = [i for i in bank.ids if i not in shown]
    assert not missing, f"{path.name}: no notebook shows {missing}"


# --- study data and bibliography ----------------------------------------------------------------


def test_prevalence_data_is_valid_and_matches_the_bibliography():
    # The rules live in the package (pcd.validate), so `python -m pcd check` applies them too;
    # tests/pcd/test_validate.py proves each one catches its mistake.
    assert len(C.prevalence_rows()) >= 5, "prevalence.csv has (almost) no rows"
    problems = validate.prevalence_problems(C.PREVALENCE_CSV)
    assert not problems, "\n".join(problems)


def test_every_bibliography_entry_is_used():
    used = {r["study_key"] for r in C.prevalence_rows()}
    for path in C.bank_paths():
        used |= set(load_bank(path, known_refs=bibliography.keys()).cite_keys())
    for path in C.notebook_paths():
        nb = C.read_notebook(path)
        used |= set(_cited_keys(nb)) | set(C.reference_keys(nb) or [])
    unused = sorted(bibliography.keys() - used)
    assert not unused, f"bibliography entries no notebook, bank or data file uses: {unused}"
