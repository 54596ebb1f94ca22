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
