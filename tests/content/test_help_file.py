"""The help file's checker and renderer (pcd.help): errors an educator can act on, and a learner
who always sees the emergency advice, even when the file is broken."""

from __future__ import annotations

import textwrap

import pytest
from pcd import help as pcd_help

GOOD = textwrap.dedent(
    """\
    last_checked: "2026-11"
    report: {text: Numbers change., url: https://example.org/issues, link_text: Tell us}
    emergency:
      - {where: the UK, number: "999"}
      - {where: Ireland, number: "112 or 999"}
    regions:
      - name: United Kingdom
        services:
          - name: Samaritans
            kinds: [crisis]
            for: Anyone who is struggling to cope.
            phone: 116 123
            web: https://www.samaritans.org
            hours: 24 hours
            source: [https://www.samaritans.org/how-we-can-help/contact-samaritan/]
          - name: Somewhere
            kinds: [lgbtq-peer]
            for: Peer support.
            web: https://example.org
            not_crisis: true
            source: https://example.org/faq
    """
)


def _write(tmp_path, text):
    path = tmp_path / "help.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_and_renders(tmp_path):
    path = _write(tmp_path, GOOD)
    h = pcd_help.load(path)
    assert h.checked_text() == "November 2026"
    assert h.numbers() == ["999", "112", "999", "116 123"]
    line = pcd_help.line(path=path)
    assert "999 in the UK or 112 or 999 in Ireland" in line.plain
    assert 'href="08-coping-and-help.ipynb#Where-to-get-help"' in line.html
    table = pcd_help.table(path)
    assert '<caption style="text-align:left;font-weight:bold;padding:4px 0">United Kingdom' in (
        table.html
    )
    assert '<th scope="col"' in table.html and '<th scope="row"' in table.html
    assert "LGBTQ+ peer support; not a crisis line" in table.plain
    assert "last checked in November 2026" in table.plain and "https://example.org/issues" in (
        table.plain
    )


def test_hours_that_end_a_sentence_get_one_full_stop(tmp_path):
    path = _write(tmp_path, GOOD.replace("hours: 24 hours", "hours: Check the hours online."))
    assert "Check the hours online." in pcd_help.table(path).plain
    assert ".." not in pcd_help.table(path).plain


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "        source: https://example.org/faq\n",
            "",
            "help.yaml: region 'United Kingdom', service 2 (Somewhere): `source` is missing",
        ),
        ("kinds: [crisis]", "kinds: [crisis, hotline]", "`kinds` has 'hotline'"),
        ("phone: 116 123", "phone: free on 116 123", "`phone` 'free on 116 123' should hold only"),
        ('last_checked: "2026-11"', 'last_checked: "Nov 2026"', "help.yaml: last_checked:"),
        ("web: https://www.samaritans.org", "web: www.samaritans.org", "should be a web address"),
        ("        web: https://example.org\n", "", "give at least one way to reach"),
        ("for: Peer support.", "for:", "`for` is missing"),
        ("hours: 24 hours", "hourz: 24 hours", "unknown field(s) hourz"),
    ],
)
def test_errors_name_the_file_the_entry_and_the_field(tmp_path, old, new, message):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(pcd_help.HelpFileError) as info:
        pcd_help.load(path)
    assert message in str(info.value)


def test_broken_yaml_names_the_line(tmp_path):
    path = _write(
        tmp_path, GOOD.replace('  - {where: the UK, number: "999"}', "  - {where: [the UK")
    )
    with pytest.raises(pcd_help.HelpFileError, match=r"help.yaml: line \d+: .*indentation"):
        pcd_help.load(path)


def test_a_broken_file_still_tells_the_learner_to_call_emergency_services(tmp_path, caplog):
    path = _write(tmp_path, "regions: [")
    for view in (pcd_help.line(path=path), pcd_help.table(path)):
        assert "call your local emergency number" in view.plain
        assert "Traceback" not in view.html and "999" not in view.plain
    assert "help list" in caplog.text  # the details go to the log, for the authors


def test_the_shipped_file_is_valid():
    h = pcd_help.load()
    kinds = {k for _, s in h.services() for k in s.kinds}
    assert {"crisis", "sexual-violence", "domestic-abuse", "directory", "therapists"} <= kinds
