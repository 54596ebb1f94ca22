"""Safety rules for the content (issue 12): help numbers come from one checked file, links go to
sources rather than searches, the lesson text carries no notes on our own checking, every
notebook has a content note and the same consent wording, and every citation resolves.

Each rule has a small example in test_nbcontent.py that shows it can fail.
"""

from __future__ import annotations

import re

import pytest
from pcd import bibliography
from pcd import help as pcd_help

from . import nbcontent as C

NOTEBOOKS = [pytest.param(p, id=p.stem) for p in C.notebook_paths()]
HELP_NOTEBOOK = "08-coping-and-help"


def _unknown_numbers(text: str, known: set[str]) -> list[str]:
    return sorted({n for n in C.phone_numbers(text) if C.phone_key(n) not in known})


# --- phone numbers ------------------------------------------------------------------------------


def test_the_help_file_is_valid_and_lists_numbers():
    help_list = pcd_help.load(C.HELP_YAML)
    assert len(C.help_numbers()) >= 20, "help.yaml lists (almost) no numbers"
    assert help_list.emergency and help_list.regions


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_no_phone_number_in_a_notebook_that_is_not_in_the_help_file(path):
    nb = C.read_notebook(path)
    known = C.help_numbers()
    problems = []
    for text in C.markdown(nb) + C.code(nb) + C.output_text(nb):
        problems += _unknown_numbers(text, known)
    assert not problems, (
        f"{path.name}: phone numbers not in data/help.yaml: {sorted(set(problems))}. "
        "Add the service to help.yaml (with its source) and render it with lesson.help_line()."
    )


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_markdown_has_no_phone_numbers_at_all(path):
    # Numbers reach a notebook only by rendering help.yaml, so a changed number is fixed once.
    found = [n for cell in C.markdown(C.read_notebook(path)) for n in C.phone_numbers(cell)]
    assert not found, f"{path.name}: write no numbers in Markdown; render them: {found}"


def test_no_phone_number_in_a_bank_or_tool_that_is_not_in_the_help_file():
    known = C.help_numbers()
    files = C.scanned_module_files()
    assert any(p.parent.name == "banks" for p in files) and any(
        p.parent.name == "tools" for p in files
    ), "the scan no longer reaches the banks and tools"
    problems = [
        f"{path.relative_to(C.ROOT)}: {number}"
        for path in files
        for number in _unknown_numbers(path.read_text(encoding="utf-8"), known)
    ]
    assert not problems, "phone numbers not in data/help.yaml:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_renders_the_help_line_from_the_help_file(path):
    nb = C.read_notebook(path)
    wanted = "help_table" if path.stem == HELP_NOTEBOOK else "help_line"
    calls = [src for src in C.code(nb) if f"lesson.{wanted}()" in src]
    assert calls, f"{path.name}: add a code cell `lesson.{wanted}()` under 'Where to get help'"
    shown = "\n".join(C.output_text(nb))
    checked = pcd_help.load(C.HELP_YAML).checked_text()
    assert f"last checked in {checked}" in shown, (
        f"{path.name}: the stored help output is missing or stale: re-execute the notebook"
    )


def test_the_help_table_has_every_service_the_date_and_how_to_report_a_change():
    help_list = pcd_help.load(C.HELP_YAML)
    view = pcd_help.table(C.HELP_YAML)
    for _, service in help_list.services():
        assert service.name in view.plain, service.name
    assert f"last checked in {help_list.checked_text()}" in view.plain
    assert help_list.report_url in view.html and help_list.report_url in view.plain
    assert "not a crisis line" in view.plain  # QLife says what it is not


# --- links --------------------------------------------------------------------------------------


def test_no_link_goes_to_a_search_engine():
    urls = []
    for path in C.notebook_paths():
        nb = C.read_notebook(path)
        for text in C.markdown(nb) + C.output_text(nb):
            urls += [(path.name, u) for u in C.urls_in(text)]
    for key in bibliography.keys():
        if bibliography.link(key):
            urls.append((f"bibliography.yaml {key}", bibliography.link(key)))
    for path in C.scanned_module_files() + [C.HELP_YAML]:
        urls += [(path.name, u) for u in C.urls_in(path.read_text(encoding="utf-8"))]
    assert len(urls) > 50, "found almost no links: the scan is broken"
    bad = [f"{where}: {u}" for where, u in urls if C.search_engine_links([u])]
    assert not bad, "links to a search engine; link the record of the work:\n" + "\n".join(bad)


# --- notes on our own checking, content notes, consent ------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_no_notes_about_our_own_checking_in_the_lesson(path):
    notes = [n for cell in C.markdown(C.read_notebook(path)) for n in C.process_notes(cell)]
    assert not notes, (
        f"{path.name}: {notes}. Put uncertainty about a source in its bibliography entry "
        "(`uncertain`), and cite it in the text like any other source."
    )


def test_no_notes_about_our_own_checking_in_banks():
    notes = [
        f"{p.name}: {n}" for p in C.bank_paths() for n in C.process_notes(p.read_text("utf-8"))
    ]
    assert not notes, "\n".join(notes)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_has_a_content_note_first(path):
    problems = C.content_note_problems(C.markdown(C.read_notebook(path)))
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_has_the_same_consent_wording(path):
    text = "\n".join(C.markdown(C.read_notebook(path)))
    assert C.CONSENT_REMINDER in text, (
        f"{path.name}: include the consent reminder exactly as in tests/content/nbcontent.py"
    )
    drift = C.CONSENT_DRIFT.findall(text)
    assert not drift, f"{path.name}: consent worded as 'wanted': {drift}"


def test_banks_do_not_equate_consent_with_wanting():
    drift = [
        f"{p.name}: {d}"
        for p in C.bank_paths()
        for d in C.CONSENT_DRIFT.findall(p.read_text("utf-8"))
    ]
    assert not drift, "\n".join(drift)


# --- citations ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_plain_text_citation_resolves(path):
    """A source with no record to link to is cited as plain text. That text must be exactly its
    in-text form, the source must really have no link, and lesson.references() must list it."""
    nb = C.read_notebook(path)
    forms = {bibliography.in_text(k): k for k in bibliography.keys()}
    listed = set(C.reference_keys(nb) or [])
    problems = []
    for cell in C.markdown(nb):
        for cited in C.plain_citations(cell):
            key = forms.get(cited)
            if key is None:
                problems.append(f"{cited!r} is not the in-text form of any bibliography entry")
            elif bibliography.link(key):
                problems.append(f"{cited!r} has a link: write {bibliography.cite(key)}")
            elif key not in listed:
                problems.append(f"{cited!r}: add {key!r} to lesson.references()")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


# --- privacy promises ---------------------------------------------------------------------------


def test_no_text_promises_that_a_saved_file_is_private():
    texts = {}
    for path in C.notebook_paths():
        nb = C.read_notebook(path)
        texts[path.name] = "\n".join(C.markdown(nb) + C.output_text(nb))
    for path in C.scanned_module_files():
        texts[str(path.relative_to(C.ROOT))] = path.read_text(encoding="utf-8")
    bad = {where: C.PRIVACY_OVERCLAIM.findall(t) for where, t in texts.items()}
    bad = {where: found for where, found in bad.items() if found}
    assert not bad, f"say where the file is and who may read it, not that it is private: {bad}"


def test_saving_a_plan_says_where_the_file_is_and_who_may_read_it():
    from pcd.tools import plan

    w = plan.words()
    assert "{path}" in w["saved"] and "shared computer" in w["saved"]
    assert "shared computer" in w["file_intro"]
    # The default name does not say what the plan is about.
    assert not re.search(r"pcd|sex|cry|dysphoria", plan.PLAN_FILENAME, re.I), plan.PLAN_FILENAME
