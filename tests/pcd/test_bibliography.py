"""The bibliography (keys, in-text forms, links, reference lists) and the evidence labels."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pcd import bibliography as bib
from pcd import labels, validate

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_bibliography_has_no_problems():
    # The rules are pcd.validate's (tests/pcd/test_validate.py proves each one).
    assert validate.bibliography_problems(bib.path()) == []


@pytest.mark.parametrize(
    "key, expected",
    [
        ("bird2011", "Bird et al., 2011"),
        ("burri2011", "Burri & Spector, 2011"),
        ("burri2020", "Burri & Hilpert, 2020"),
        ("pyke2020", "Pyke, 2020"),
        ("schweitzer2021", "Schweitzer et al., 2021"),
        ("contexts2024", "Raftery, 2024"),
        ("underpressure2024", "Bockaj et al., 2024"),
        ("toussaint-nd", "Toussaint et al."),
        ("exton2001", "Exton et al., 2001a"),
        ("exton2001b", "Exton et al., 2001b"),
        ("samhsa2014", "SAMHSA, 2014"),
        ("apa2017", "American Psychological Association, 2017"),
        ("kruger2002", "Krüger et al., 2002"),
    ],
)
def test_in_text_forms(key, expected):
    assert bib.in_text(key) == expected


def test_in_text_forms_are_unique():
    forms = [bib.in_text(k) for k in bib.keys()]
    assert len(forms) == len(set(forms))


def test_cite_gives_the_exact_markdown():
    assert (
        bib.cite("bird2011") == "[Bird et al., 2011](https://doi.org/10.1080/19317611.2010.509689)"
    )
    assert bib.cite("maczkowiack2019") == (
        "[Maczkowiack & Schweitzer, 2019](https://doi.org/10.1080/0092623X.2018.1488326)"
    )
    assert bib.cite("apa2017") == (
        "[American Psychological Association, 2017](https://www.apa.org/ptsd-guideline)"
    )


def test_a_source_with_no_record_is_cited_as_plain_text():
    # No link at all rather than a link to a search query.
    assert bib.link("waldinger2002") is None
    assert bib.cite("waldinger2002") == "Waldinger & Schweitzer, 2002"
    assert bib.cite_html("birnbaum2006") == "Birnbaum et al., 2006"
    html, md = bib.reference_list(["waldinger2002"])
    assert "<http" not in md and "href" not in html
    assert "(2002)." in md and "Note: " in md


def test_cite_html_escapes_and_links():
    out = bib.cite_html("burri2011")
    assert out.startswith('<a href="https://doi.org/10.1375/twin.14.3.240"')
    assert ">Burri &amp; Spector, 2011</a>" in out


def test_key_for_link_round_trips():
    assert all(bib.key_for_link(bib.link(k)) == k for k in bib.keys() if bib.link(k))
    assert bib.key_for_link("https://doi.org/10.9999/none") is None


def test_unknown_key_names_the_key():
    with pytest.raises(bib.UnknownReference, match="bird2012"):
        bib.cite("bird2012")


def test_reference_list_is_sorted_deduplicated_and_linked():
    html, md = bib.reference_list(["schweitzer2015", "bird2011", "bird2011", "aragon2015"])
    lines = md.splitlines()
    assert [line.split(",")[0] for line in lines] == ["- Aragón", "- Bird", "- Schweitzer"]
    assert "<https://doi.org/10.1002/sm2.74>" in md
    assert html.count("<li ") == 3
    assert 'href="https://doi.org/10.1080/19317611.2010.509689"' in html
    assert "*International Journal of Sexual Health*, 23(1), 14-25." in md


def test_reference_list_states_uncertainty_in_words():
    html, md = bib.reference_list(["burri2011", "contexts2024", "toussaint-nd"])
    assert "Note: DOI not confirmed" in md
    assert "Note: Author (sole author, Nottingham Trent University) confirmed in press" in md
    assert "Note: Title, year, journal and DOI not confirmed" in html
    assert "Toussaint, D. J., et al. (n.d.)." in md  # the list keeps APA's "n.d."
    # Sources without confirmed titles show a bracketed description, never an invented title.
    assert "[A survey of postcoital dysphoria in 172 LGBTQIA+ adults]." in md


@pytest.mark.parametrize(
    "key",
    # Everything evidence.md tags RECALLED or UNCERTAIN in the citation itself.
    [
        "burri2011",
        "schweitzer2021",
        "contexts2024",
        "underpressure2024",
        "toussaint-nd",
        "exton2001",
        "carmichael1987",
        "georgiadis2006",
        "birnbaum2006",
        "woo2011",
        "aragon2018",
        "waldinger2002",
    ],
)
def test_recalled_details_carry_an_uncertainty_note(key):
    assert bib.entry(key).get("uncertain")


def test_reference_list_rejects_unknown_keys():
    with pytest.raises(bib.UnknownReference, match="nosuch2000"):
        bib.reference_list(["bird2011", "nosuch2000"])


# --- labels -------------------------------------------------------------------------------------


def _contract_badges() -> dict[str, str]:
    """The badge table in CONTRIBUTING.md: level -> badge text."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| `` `(Evidence [^`]+)` `` \|$", text, re.M)
    return dict(rows)


def test_badges_match_the_contract():
    contract = _contract_badges()
    assert set(contract) == {"several", "one", "mixed", "hypothesis"}
    for level, text in contract.items():
        assert labels.badge(level) == f"`{text}`"
    assert labels.all_badges() == set(contract.values())


def test_badge_html_has_words_and_dots_not_colour_alone():
    out = labels.badge_html("one")
    assert "One study" in out and "●●○" in out
    assert 'aria-hidden="true">●●○<' in out  # screen readers read the words, not the dots
    assert "border:1px solid" in out


def test_unknown_level_is_a_clear_error():
    with pytest.raises(ValueError, match="several, one, mixed, hypothesis"):
        labels.badge("strong")


def test_the_check_rejects_search_links_and_silent_missing_links():
    from pcd.validate import bibliography_entry_problems

    base = {"type": "article", "authors": ["Woo, J."], "year": 2011, "title": "T"}
    search = dict(base, url="https://scholar.google.com/scholar?q=Woo+2011")
    assert any("search engine" in p for p in bibliography_entry_problems("woo2011", search))
    assert any("'uncertain' note" in p for p in bibliography_entry_problems("woo2011", base))
    noted = dict(base, uncertain="no record of the paper was found to link to")
    assert bibliography_entry_problems("woo2011", noted) == []


def test_the_check_and_the_citations_share_one_parse_and_both_see_an_edit(
    content_copy, monkeypatch
):
    # Every Lesson checks the bibliography and then cites from it: one parse per version of
    # the file serves both, and an educator's edit (a new version) is seen by both at once.
    import yaml

    parses = []
    for name in ("compose", "load"):
        parse = getattr(yaml, name)
        monkeypatch.setattr(
            yaml, name, lambda *a, parse=parse, **k: parses.append(a) or parse(*a, **k)
        )
    path = content_copy / "data" / "bibliography.yaml"
    assert validate.current_bibliography_problems() == []
    assert bib.in_text("pyke2020") == "Pyke, 2020"
    assert len(parses) == 1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Pyke, R. E.", "Pike, R. E.", 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert validate.current_bibliography_problems() == []
    assert bib.in_text("pyke2020") == "Pike, 2020"
    assert len(parses) == 2
