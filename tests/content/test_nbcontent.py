"""The content-test helpers on tiny examples, so each rule is shown to catch what it should."""

from __future__ import annotations

from pcd import bibliography

from . import nbcontent as C


def _nb(*cells):
    return {"cells": [{"cell_type": kind, "source": src, "metadata": {}} for kind, src in cells]}


def test_links_keep_dois_with_parentheses_and_skip_code_and_images():
    text = (
        "See [Exton et al., 2001a](https://doi.org/10.1016/S0306-4530(00)00053-6). "
        "![a chart](chart.png) `[not](a link)`\n```\n[also not](x)\n```\n[Help](08-coping-and-help.ipynb#Where-to-get-help)"
    )
    assert C.links(text) == [
        ("Exton et al., 2001a", "https://doi.org/10.1016/S0306-4530(00)00053-6"),
        ("Help", "08-coping-and-help.ipynb#Where-to-get-help"),
    ]


def test_citation_links_find_dois_and_bibliography_urls():
    known = {bibliography.link(k): k for k in bibliography.keys()}
    text = (
        f"{bibliography.cite('bird2011')} and {bibliography.cite('apa2017')} and "
        "[Somebody, 2020](https://doi.org/10.1000/unknown) and [a site](https://example.org)"
    )
    found = C.citation_links(text, known)
    assert [(k or label) for label, _, k in found] == ["bird2011", "apa2017", "Somebody, 2020"]


def test_inline_code_finds_badges():
    text = "Claim. `Evidence ●●○ One study` and ``Evidence strong``"
    assert C.inline_code(text) == ["Evidence ●●○ One study", "Evidence strong"]


def test_narrative_drops_what_the_rule_says():
    cells = [
        "# Title\nA short line with a [link text](https://doi.org/10.1/x) and `code`.",
        "| a | table |\n|---|---|\n| x | y |\n\n<b>Bold</b> **words** stay.",
        "```python\nprint('no')\n```\nAfter the fence.",
        "## References\nBird, B. S. (2011). Long reference text.\n## Next\nBack to prose.",
    ]
    text = C.narrative(cells)
    for kept in (
        "Title.",
        "link text",
        "Bold words stay.",
        "After the fence.",
        "Next.",
        "Back to prose.",
    ):
        assert kept in text
    for dropped in ("https://", "code", "table", "print", "Long reference text", "#", "<b>", "**"):
        assert dropped not in text


def test_readability_separates_easy_from_hard_text():
    easy = ["We talk. You read. It is short. It is plain."]
    hard = [
        "Notwithstanding considerable methodological heterogeneity, epidemiological "
        "investigations characterising postcoital psychological symptomatology demonstrate "
        "substantial inconsistencies attributable to operationalisation discrepancies."
    ]
    assert C.readability(easy) <= C.MAX_GRADE < C.readability(hard)


def test_calls_are_read_from_code_cells():
    nb = _nb(
        ("code", 'from pcd import Lesson\nlesson = Lesson("01-what-is-pcd")'),
        ("markdown", 'lesson.exercise("in-markdown")'),
        ("code", 'lesson.exercise("what-pcd-means")'),
        ("code", 'lesson.exercise("names-for-it")'),
        ("code", 'lesson.references("bird2011", "schweitzer2015")'),
    )
    assert C.lesson_bank(nb) == "01-what-is-pcd"
    assert C.exercise_ids(nb) == ["what-pcd-means", "names-for-it"]
    assert C.reference_keys(nb) == ["bird2011", "schweitzer2015"]
    assert C.reference_keys(_nb(("code", "1 + 1"))) is None


# --- the safety rules of test_help_and_safety.py, each shown to catch what it should ----------


def test_phone_numbers_are_found_and_figures_are_not():
    text = (
        "Call 0800 123 4567, or text HOME to 741741, or ring **101**. The US line is "
        "800-656-HOPE (4673); in Canada call 9-8-8.\n"
        "In 1,208 men aged 18-81 (pages 9185-9193, 2010-2012, 2026-11-30), 32.9% had felt it; "
        "OR 1.3 (1.02-1.34). See https://doi.org/10.1080/0092623X.2018.1488326 or "
        '<a href="tel:0800 555 0000">the site</a>.'
    )
    found = C.phone_numbers(text)
    assert found == ["0800 123 4567", "800-656-HOPE (4673)", "9-8-8", "741741", "101"]


def test_a_number_not_in_the_help_file_is_caught():
    known = C.help_numbers()
    assert C.phone_key("116 123") in known and C.phone_key("1800 77 8888") in known
    unknown = [n for n in C.phone_numbers("Call 0800 999 0000.") if C.phone_key(n) not in known]
    assert unknown == ["0800 999 0000"]


def test_search_engine_links_are_caught_and_records_are_not():
    urls = [
        "https://scholar.google.com/scholar?q=Toussaint",
        "https://www.google.co.uk/search?q=pcd",
        "https://duckduckgo.com/?q=pcd",
        "https://doi.org/10.1002/sm2.74",
        "https://pesquisa.bvsalud.org/bolivia/?lang=es&q=au%3A%22Toussaint%2C+Derrek+J%22",
        "https://findahelpline.com",
    ]
    assert C.search_engine_links(urls) == urls[:3]
    assert C.urls_in('[a](https://x.org/a) <a href="https://y.org/b">b</a>') == [
        "https://x.org/a",
        "https://y.org/b",
        "https://x.org/a",
        "https://y.org/b",
    ]


def test_notes_about_our_own_checking_are_caught():
    assert C.process_notes("The authors of this study could not be confirmed.")
    assert C.process_notes("We could not check that figure in the paper itself.")
    assert C.process_notes("So it is cited by its title.")
    # Teaching uncertainty is not a note about our process.
    assert not C.process_notes("We could not find a study behind that claim.")
    assert not C.process_notes("As far as we know, no study has measured this.")


def test_content_note_rules():
    note = f"> **Content note:** Talks about sex. [Skip]({C.HELP_LINK})"
    assert C.content_note_problems(["# Title", note, "It mentions abuse."]) == []
    assert C.content_note_problems(["# Title", "No note here."])[0].startswith("no content note")
    late = C.content_note_problems(["# Title\nSex you did not want is different.", note])
    assert late == ["'did not want' comes before the content note"]
    no_link = C.content_note_problems(["> **Content note:** Talks about sex."])
    assert no_link == ["the content note needs a link to where to get help"]
    far = C.content_note_problems(["# T", "a", "b", "c", note])
    assert far == ["the content note is in Markdown cell 4; put it near the top"]


def test_consent_drift_is_caught():
    assert C.CONSENT_DRIFT.findall("PCD means feelings after sex that everyone wanted.")
    assert C.CONSENT_DRIFT.findall("Sex you did not want is a different matter.")
    assert not C.CONSENT_DRIFT.findall(C.CONSENT_REMINDER)


def test_plain_text_citations_are_found_outside_links():
    text = (
        "Attachment matters (Birnbaum et al., 2006), and POIS was first described "
        "(Waldinger & Schweitzer, 2002). In 2020, two researchers asked 299 people "
        "[Bird et al., 2011](https://doi.org/10.1080/19317611.2010.509689). `Pyke, 2020`"
    )
    assert C.plain_citations(text) == ["Birnbaum et al., 2006", "Waldinger & Schweitzer, 2002"]


def test_privacy_overclaims_are_caught():
    assert C.PRIVACY_OVERCLAIM.findall("Saved. Only you have this file.")
    assert C.PRIVACY_OVERCLAIM.findall("Private: only you have this file.")
    assert not C.PRIVACY_OVERCLAIM.findall("Only you can see this. It is not saved.")
