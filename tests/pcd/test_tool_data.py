"""The tools' data files (data/tools/*.yaml): an educator who breaks one is told where and how.

Each case copies the shipped files to a temporary folder, breaks one thing, and asserts the
exact message: the file, the entry and the field, as for a broken exercise bank.
"""

from __future__ import annotations

import pytest
import yaml
from pcd import tools
from pcd.__main__ import main


@pytest.fixture
def data_dir(content_copy):
    """The data/tools folder of a copy of the content (see conftest.py)."""
    return content_copy / "data" / "tools"


def problems(folder) -> dict[str, list[str]]:
    return {name: tools.data_problems(folder / f"{name}.yaml") for name in tools.NAMES}


def edit(folder, name, change):
    path = folder / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _setter(*path_and_value):
    *path, value = path_and_value

    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _deleter(*path):
    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


CASES = [
    (
        "checklist",
        _deleter("closing"),
        "checklist.yaml: field 'closing': is missing (required)",
    ),
    (
        "checklist",
        _setter("items", 1, "line", ""),
        "checklist.yaml: field 'items'['pain_lasts']: field 'line': must not be empty",
    ),
    (
        "checklist",
        _setter("intro", 7),
        "checklist.yaml: field 'intro': expected text, got a number (7)",
    ),
    (
        "checklist",
        _setter("titel", "x"),
        "checklist.yaml: field 'titel': unknown field; did you mean 'title'? (allowed: title, "
        "intro, items, details_heading, details, list_heading, nothing_ticked, closing, "
        "clear_label)",
    ),
    (
        "plan",
        _setter("strategies", 0, "cite", "nobody2020"),
        "plan.yaml: strategies['talk']: field 'cite': unknown reference key 'nobody2020'",
    ),
    (
        "plan",
        _setter("strategies", 2, "level", "strong"),
        "plan.yaml: strategies['went-well']: field 'level': unknown level 'strong'",
    ),
    (
        "plan",
        _setter("saved", "Saved to {place}."),
        "plan.yaml: field 'saved': cannot fill in 'place' (you can use: {path})",
    ),
    (
        "conversation",
        _setter("name_too_long", "Only {maximum} letters."),
        "conversation.yaml: field 'name_too_long': cannot fill in 'maximum' (you can use: {max})",
    ),
    (
        "association",
        _setter("findings", 2, "value", "odds_ratio_abuse.lately"),
        "bibliography.yaml: entry 'burri2011': findings has no 'odds_ratio_abuse.lately' "
        "(stopped at 'lately')",
    ),
    (
        "association",
        _setter("findings", 0, "plain", "{value} and {squares} and {sqaures}"),
        "association.yaml: findings['variance-22']: field 'plain': cannot fill in 'sqaures' "
        "(you can use: {value}, {squares}, {rest})",
    ),
    (
        "association",
        _setter("findings", 1, "kind", "odds-ratio"),
        "association.yaml: findings['correlation-016']: field 'kind': 'odds-ratio' is not one "
        "of variance, correlation, odds",
    ),
    (
        "conversation",
        _setter("preview_example", "messages", ["not_you", "hugs"]),
        "conversation.yaml: field 'preview_example': message 'hugs' is not one of the 'self' "
        "messages (dont_know, enjoyed, hug, later, minutes, not_you)",
    ),
    (
        "conversation",
        _setter("situations", 2, "role", "partner"),
        "conversation.yaml: situations['support']: field 'role': 'partner' is not one of self, "
        "support",
    ),
    (
        "hormones",
        _setter("views", 0, "description", "Baseline {women_baseline} and {men_peak}."),
        "hormones.yaml: view 'measured': field 'description': cannot fill in 'men_peak' (you can "
        "use: {women_sample}, {women_baseline}, {women_1_min}, {women_5_min}, {men_baseline}, "
        "{men_ejaculation}, {men_still_raised_at}, {men_baseline_by}, {prolactin_sample}, "
        "{prolactin_sampled_until})",
    ),
    (
        "prevalence",
        _setter("groups", 0, "id", "female"),
        "prevalence.yaml: field 'groups': the ids must be women, men, all in that order, not "
        "female, men, all",
    ),
]


@pytest.mark.parametrize("name, change, message", CASES)
def test_a_broken_data_file_names_file_entry_and_field(data_dir, name, change, message):
    edit(data_dir, name, change)
    found = problems(data_dir)
    assert found.pop(name) == [message]
    assert all(p == [] for p in found.values())  # the other files are still fine


def test_yaml_syntax_errors_and_missing_files_are_data_errors(data_dir):
    (data_dir / "checklist.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (data_dir / "plan.yaml").unlink()
    found = problems(data_dir)
    assert found["checklist.yaml"[:-5]][0].startswith("checklist.yaml (line 2): not valid YAML:")
    assert found["plan"] == ["plan.yaml: cannot open the file (No such file or directory)"]


def test_check_command_reports_a_broken_tool_file(data_dir, capsys):
    edit(data_dir, "checklist", _deleter("closing"))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "problem  checklist.yaml: field 'closing': is missing (required)" in out
    assert "ok       data/tools/plan.yaml" in out


def test_an_edit_to_the_words_shows_in_the_tool(data_dir):
    """The tools read the files (not a copy made at import): an educator's edit takes effect."""
    from pcd.tools.checklist import ClinicianChecklist

    edit(data_dir, "checklist", _setter("closing", "Take this list to someone you trust."))
    assert "Take this list to someone you trust." in ClinicianChecklist().summary.value


def test_in_a_notebook_a_broken_file_costs_one_tool_with_a_kind_note(data_dir, caplog):
    """The learner reads a short note; the details (file, field) are folded away for authors
    and logged; the rest of the notebook still runs."""
    from pcd.lesson import Message
    from pcd.tools._tool import SORRY
    from pcd.tools.checklist import clinician_checklist

    edit(data_dir, "checklist", _deleter("closing"))
    shown = clinician_checklist()
    assert isinstance(shown, Message)
    bundle = shown._repr_mimebundle_()
    assert SORRY in bundle["text/plain"]
    assert "checklist.yaml: field 'closing': is missing (required)" in bundle["text/plain"]
    assert "Traceback" not in bundle["text/plain"]
    assert "checklist.yaml: field 'closing'" in caplog.text


def test_a_bad_argument_in_the_notebook_is_still_the_authors_error():
    from pcd.tools.hormones import hormone_timeline

    with pytest.raises(ValueError, match="unknown view 'bars'"):
        hormone_timeline("bars")
