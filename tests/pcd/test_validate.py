"""pcd.validate: each content rule catches its mistake, with file, entry and field named, and a
broken bibliography costs the learner a note, not the notebook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pcd import bibliography, content, validate
from selfcheck import grading

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "modules" / "pcd"

GOOD = {
    "type": "article",
    "authors": ["Bird, B. S.", "Schweitzer, R. D."],
    "year": 2011,
    "title": "A title",
    "doi": "10.1080/19317611.2010.509689",
}


def entry_problems(key="bird2011", **changes):
    e = {k: v for k, v in {**GOOD, **changes}.items() if v is not ...}
    return validate.bibliography_entry_problems(key, e)


def test_a_good_entry_has_no_problems():
    assert entry_problems() == []
    assert entry_problems("who-nd", year=None, authors=[], short_title="Who") == []
    assert entry_problems(doi=..., url="https://www.nice.org.uk/guidance/ng116") == []


@pytest.mark.parametrize(
    "key, changes, expected",
    [
        ("Bird2011", {}, "entry 'Bird2011': keys are the first author's surname + year"),
        ("bird2011", {"type": "poster"}, "field 'type': 'poster' is not one of article"),
        ("bird2011", {"authors": "Bird, B. S."}, "field 'authors': must be a list of names"),
        ("bird2011", {"authors": []}, "field 'short_title': without authors"),
        ("bird2011", {"title": ...}, "field 'title': missing (give a description"),
        ("bird2011", {"year": None}, "field 'year': missing (use a key ending in -nd"),
        ("bird2011", {"year": "2011"}, "field 'year': '2011' is not a year"),
        ("bird2011", {"year": 2012}, "field 'year': 2012 differs from the year in the key"),
        ("bird2011", {"doi": "doi.org/10.1080/x"}, "field 'doi': 'doi.org/10.1080/x' is not a DOI"),
        ("bird2011", {"doi": ...}, "field 'url': needs a DOI or an https:// url"),
        ("bird2011", {"doi": ..., "url": "http://x.org"}, "field 'url': needs a DOI or an https"),
        ("bird2011", {"url": "https://x.org"}, "field 'url': give a DOI or a url, not both"),
        (
            "bird2011",
            {"doi": ..., "url": "https://scholar.google.com/scholar?q=Bird"},
            "field 'url': goes to a search engine",
        ),
        ("bird2011", {"uncertain": ""}, "field 'uncertain': must be a sentence"),
        ("bird2011", {"findings": {"prevalence": [{"sex": "women"}]}}, "needs measure, percent"),
    ],
)
def test_each_bibliography_rule_catches_its_mistake(key, changes, expected):
    problems = entry_problems(key, **changes)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"bibliography.yaml: entry '{key}'"), problems
    assert expected in problems[0], problems


def test_an_entry_that_is_not_a_mapping():
    assert validate.bibliography_entry_problems("bird2011", "Bird 2011") == [
        "bibliography.yaml: entry 'bird2011': must be a mapping of fields "
        "(type, authors, year, title, ...)"
    ]


def write(tmp_path, name, text) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_bibliography_file_problems(tmp_path):
    good = yaml.safe_dump({"bird2011": GOOD})
    assert validate.bibliography_problems(write(tmp_path, "bibliography.yaml", good)) == []
    cases = {
        "bird2011: [unclosed\n": "bibliography.yaml: YAML syntax error at line",
        "- a list\n": "bibliography.yaml: the file must be a mapping of keys to entries",
        good + good: "bibliography.yaml: line 9: the key 'bird2011' appears twice",
        b"bird2011: {title: \xff}\n": "bibliography.yaml: the file is not valid UTF-8 text",
    }
    for text, expected in cases.items():
        problems = validate.bibliography_problems(write(tmp_path, "bibliography.yaml", text))
        assert len(problems) == 1 and problems[0].startswith(expected), (text, problems)
    missing = validate.bibliography_problems(tmp_path / "nope" / "bibliography.yaml")
    assert missing == ["bibliography.yaml: cannot read the file (No such file or directory)"]


# --- prevalence.csv ----------------------------------------------------------------------------

HEADER = "study_key,population,country,sex,n,measure,percent,percent_high,note\n"
ROW = "bird2011,Students,not stated,women,222,lifetime,32.9,,Ever\n"
ROW2 = "bird2011,Students,not stated,women,222,past_4_weeks,10.0,,Past 4 weeks\n"


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of the shipped content, read through PCD_CONTENT_DIR."""
    folder = tmp_path / "pcd"
    shutil.copytree(SHIPPED / "banks", folder / "banks")
    shutil.copytree(SHIPPED / "data", folder / "data")
    monkeypatch.setenv(content.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def bird_only(copy):
    """The content's bibliography holds one entry, with exactly ROW's and ROW2's findings."""
    findings = [
        {"sex": "women", "n": 222, "measure": "lifetime", "percent": 32.9},
        {"sex": "women", "n": 222, "measure": "past_4_weeks", "percent": 10.0},
    ]
    entry = {**GOOD, "findings": {"prevalence": findings}}
    (copy / "data" / "bibliography.yaml").write_text(yaml.safe_dump({"bird2011": entry}))
    return copy


def csv_problems(tmp_path, rows: str) -> list[str]:
    return validate.prevalence_problems(write(tmp_path, "prevalence.csv", HEADER + rows))


def test_the_shipped_data_has_no_problems():
    assert validate.prevalence_problems(SHIPPED / "data" / "prevalence.csv") == []


@pytest.mark.parametrize(
    "row, expected",
    [
        (ROW.replace("bird2011", "bird2099"), "line 2: field 'study_key': 'bird2099' is not in"),
        (ROW.replace("women", "girls"), "line 2: field 'sex': 'girls' is not one of women, men"),
        (ROW.replace("lifetime", "weekly"), "line 2: field 'measure': 'weekly' is not one of"),
        (ROW.replace(",222,", ",-3,"), "line 2: field 'n': must be a positive sample size"),
        (ROW.replace(",222,", ",22.5,"), "line 2: field 'n': '22.5' is not a whole number"),
        (ROW.replace("32.9", "about 33"), "line 2: field 'percent': 'about 33' is not a number"),
        (ROW.replace("32.9", ""), "line 2: field 'percent': missing"),
        (ROW.replace("32.9,", "132.9,"), "line 2: field 'percent': 132.9 is not between 0 and"),
        (ROW.replace("32.9,,", "32.9,20,"), "line 2: field 'percent_high': must be above"),
        (ROW.replace(",Ever", ""), "line 2: has 8 columns, not 9 (a comma inside a value"),
    ],
)
def test_each_prevalence_rule_catches_its_mistake(tmp_path, bird_only, row, expected):
    problems = csv_problems(tmp_path, row + ROW2)
    assert any(p.startswith("prevalence.csv: ") and expected in p for p in problems), problems


def test_the_csv_and_the_bibliography_findings_must_agree(tmp_path, bird_only):
    assert csv_problems(tmp_path, ROW + ROW2) == []
    wrong = csv_problems(tmp_path, ROW.replace("32.9", "33.9") + ROW2)
    assert wrong == [
        "prevalence.csv: line 2: field 'percent': 33.9 here but 32.9 in bibliography.yaml "
        "entry 'bird2011' findings.prevalence"
    ]
    missing = csv_problems(tmp_path, ROW)
    assert missing == [
        "prevalence.csv: no line for bird2011/women/past_4_weeks, which bibliography.yaml "
        "entry 'bird2011' lists in findings.prevalence"
    ]
    extra = csv_problems(tmp_path, ROW + ROW2 + ROW.replace("lifetime", "regular"))
    assert len(extra) == 1 and "line 4: bird2011/women/regular is not in" in extra[0], extra
    twice = csv_problems(tmp_path, ROW + ROW2 + ROW)
    assert "prevalence.csv: line 4: the same study, sex and measure as line 2" in twice


def test_wrong_columns_are_one_problem(tmp_path):
    path = write(tmp_path, "prevalence.csv", "study,percent\nbird2011,32.9\n")
    assert validate.prevalence_problems(path) == [
        "prevalence.csv: line 1: the columns must be "
        "study_key,population,country,sex,n,measure,percent,percent_high,note"
    ]


# --- the registry ------------------------------------------------------------------------------


def test_each_registry_entry_matches_its_files():
    found = {path.relative_to(SHIPPED).as_posix(): e for e, path in validate.content_files(SHIPPED)}
    assert found["data/bibliography.yaml"].check is validate.bibliography_problems
    assert found["data/prevalence.csv"].check is validate.prevalence_problems
    assert found["banks/00-start-here.yaml"].check is validate.bank_problems
    assert (
        validate.entry_for(Path("/anywhere/my-bank.yaml"), SHIPPED).check is validate.bank_problems
    )
    assert (
        validate.entry_for(Path("/anywhere/bibliography.yaml"), SHIPPED).check
        is validate.bibliography_problems
    )


def test_a_missing_single_file_is_still_checked(tmp_path):
    (tmp_path / "banks").mkdir()
    listed = [path for _, path in validate.content_files(tmp_path)]
    assert tmp_path / "data" / "bibliography.yaml" in listed
    assert tmp_path / "data" / "prevalence.csv" in listed


def test_a_bank_citing_an_unknown_source(tmp_path, copy):
    bank = copy / "banks" / "00-start-here.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("exercises:", "exercises:", 1) + "    cite: [nobody2020]\n")
    problems = validate.bank_problems(bank)
    assert len(problems) == 1 and "nobody2020" in problems[0], problems


# --- Lesson with a broken bibliography ---------------------------------------------------------


def test_a_broken_bibliography_gives_the_learner_a_kind_note(copy, monkeypatch):
    from pcd import lesson as lesson_module

    bib = copy / "data" / "bibliography.yaml"
    bib.write_text(bib.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(lesson_module, "display", shown.append)
    lesson = lesson_module.Lesson("01-what-is-pcd")  # no traceback
    notes = [m for m in shown if isinstance(m, lesson_module.Message)]
    assert len(notes) == 1 and "sources could not be read" in notes[0].text
    assert "bibliography.yaml: YAML syntax error at line" in notes[0].details
    assert lesson.bank is not None  # the exercises still load
    view = lesson.exercise(lesson.bank.ids[0])
    assert not isinstance(view, lesson_module.Message)
    refs = lesson.references("bird2011")
    assert isinstance(refs, lesson_module.Message) and "could not be listed" in refs.text


def test_an_entry_without_a_link_no_longer_breaks_the_check_button(copy, monkeypatch):
    # Before: KeyError 'url' inside the Check button's callback, so the button did nothing.
    from pcd import lesson as lesson_module

    bib = copy / "data" / "bibliography.yaml"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("  doi: 10.1080/19317611.2010.509689\n", ""),
        encoding="utf-8",
    )
    monkeypatch.setattr(lesson_module, "display", lambda *_: None)
    lesson = lesson_module.Lesson("01-what-is-pcd")
    assert lesson.source_problems == [
        "bibliography.yaml: entry 'bird2011': field 'url': needs a DOI or an https:// url, or an "
        "'uncertain' note"
    ]
    view = next(lesson.exercise(i) for i in lesson.bank.ids if "bird2011" in lesson.bank[i].cite)
    assert view.cite("bird2011") == "bird2011"  # the key instead of a link: no exception
    assert bibliography.keys()  # the file itself still loads


def test_an_entry_without_a_link_does_not_break_the_reviews_check_button(copy, monkeypatch):
    from pcd.review import review

    monkeypatch.setenv("SELFCHECK_NO_SAVE", "1")
    bib = copy / "data" / "bibliography.yaml"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("  doi: 10.1080/19317611.2010.509689\n", ""),
        encoding="utf-8",
    )
    r = review()
    assert r.cite("bird2011") == "bird2011"  # the key instead of a link: no exception
    r.button.click()
    r.view.answer(grading.right_response(r.view.question))
    assert "Correct" in r.view.feedback.value
