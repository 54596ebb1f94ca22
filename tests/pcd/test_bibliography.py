"""The bibliography (keys, in-text forms, links, reference lists) and the evidence labels."""

from __future__ import annotations

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
        ("contexts2024", "Further exploration of post-coital dysphoria, 2024"),
        ("underpressure2024", "Under pressure, 2024"),
        ("toussaint-nd", "Toussaint et al., n.d."),
        ("exton2001", "Exton et al., 2001a"),
        ("exton2001b", "Exton et al., 2001b"),
        ("nice2018", "NICE, 2018"),
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
    assert bib.cite("nice2018") == "[NICE, 2018](https://www.nice.org.uk/guidance/ng116)"


def test_cite_html_escapes_and_links():
    out = bib.cite_html("burri2011")
    assert out.startswith('<a href="https://doi.org/10.1375/twin.14.3.240"')
    assert ">Burri &amp; Spector, 2011</a>" in out


def test_key_for_link_round_trips():
    assert all(bib.key_for_link(bib.link(k)) == k for k in bib.keys())
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
    assert "Note: DOI not confirmed." in md
    assert "Note: Authors and volume not confirmed." in md
    assert "Note: Title, year and journal not confirmed" in html
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
        "nice2018",
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


def test_badge_html_contrast():
    assert labels.contrast_ratio(labels.TEXT_COLOUR, labels.BACKGROUND) >= 4.5
    assert labels.contrast_ratio(labels.BORDER_COLOUR, labels.BACKGROUND) >= 3.0  # non-text
    assert labels.contrast_ratio("#777777", "#ffffff") < 4.5  # the check can fail


def test_unknown_level_is_a_clear_error():
    with pytest.raises(ValueError, match="several, one, mixed, hypothesis"):
        labels.badge("strong")
