"""The "associated with" vs "caused by" explainer: drive its dropdown and check what the learner sees."""

from __future__ import annotations

import base64
import copy
import html

import pytest
from matplotlib.patches import Rectangle
from pcd import bibliography, figures
from pcd.tools import _data, association
from pcd.tools._tool import RUN_NOTE
from pcd.tools.association import association_explainer, finding, findings

FINDINGS = findings()


def _parts(tool):
    return tool.picker, tool.text, tool.image, tool.caption


def test_default_view_shows_22_percent_in_plain_words():
    picker, text, image, caption = _parts(association_explainer())
    assert picker.value == "variance-22"
    assert "22 squares out of 100" in text.value
    assert "78" in text.value
    assert image.value == association.figure(finding("variance-22")).img_html()
    assert 'alt="A grid of 100 squares. 22 are filled' in image.value
    assert "Schweitzer et al., 2015" in caption.value
    assert bibliography.link("schweitzer2015") in caption.value


@pytest.mark.parametrize("f", FINDINGS, ids=lambda f: f.id)
def test_choosing_a_finding_updates_text_figure_and_source(f):
    tool = association_explainer()
    picker, text, image, caption = _parts(tool)
    picker.value = f.id
    assert text.value == association.explanation_html(f)
    # the three reasons a link is not a cause are always spelled out
    for reason in ("Another factor:", "Direction:", "Chance:"):
        assert reason in text.value
    assert f.plain.split(".")[0] in text.value.replace("&#x27;", "'")
    png = base64.b64encode(association.figure_png(f.id)).decode("ascii")
    assert f"data:image/png;base64,{png}" in image.value
    assert f'alt="{html.escape(association.figure_description(f))}"' in image.value
    assert html.escape(bibliography.in_text(f.source)) in caption.value


def test_every_finding_is_a_choice_and_every_source_is_in_the_bibliography():
    picker, *_ = _parts(association_explainer())
    assert [value for _, value in picker.options] == [f.id for f in FINDINGS]
    for f in FINDINGS:
        bibliography.entry(f.source)  # raises if the key is unknown


# Where each finding's number is published: the bibliography's findings, an independent source
# that the other tools and the prevalence data are checked against too.
PUBLISHED = {
    "variance-22": ("schweitzer2015", ["explained_variance_percent"]),
    "correlation-016": ("schweitzer2015", ["sexual_function_r"]),
    "odds-13": ("burri2011", ["odds_ratio_abuse", "recent"]),
    "odds-116": ("burri2011", ["odds_ratio_abuse", "persistent"]),
    "odds-634": ("mitchell2017", ["odds_ratios", "anxiety_about_sex"]),
}


def _published(key, path):
    value = bibliography.entry(key)["findings"]
    for part in path:
        value = value[part]
    return value


def test_real_effect_sizes_are_the_published_ones():
    assert [f.id for f in FINDINGS] == list(PUBLISHED)
    for f in FINDINGS:
        key, path = PUBLISHED[f.id]
        assert f.source == key
        assert f.value == _published(key, path)
        # the number the learner reads in the label is the published one
        assert f"{_published(key, path):g}" in f.label


@pytest.fixture
def edited_bibliography(monkeypatch):
    """The bibliography with its findings changed, as if an author corrected a figure."""
    data = copy.deepcopy(bibliography.entries())
    data["schweitzer2015"]["findings"]["explained_variance_percent"] = 31
    data["burri2011"]["findings"]["odds_ratio_abuse"]["recent"] = 1.45
    data["mitchell2017"]["findings"]["odds_ratios"]["anxiety_about_sex"] = 3.2
    monkeypatch.setattr(bibliography, "entries", lambda: data)
    return data


def test_numbers_and_the_words_around_them_follow_the_bibliography(edited_bibliography):
    variance = finding("variance-22")
    assert variance.value == 31
    assert "31% explained" in variance.label
    assert "31 squares out of 100" in variance.plain and "other 69 squares" in variance.plain
    assert association.squares_filled(variance) == 31
    odds = finding("odds-13")
    assert odds.value == 1.45 and "about 45% higher" in odds.plain
    assert "about 3 times the odds" in finding("odds-634").plain
    tool = association_explainer("odds-634")
    assert "OR 3.2" in tool.picker.options[-1][0]
    widths = sorted(
        round(p.get_width(), 2)
        for p in association.make_figure(finding("odds-634")).axes[0].patches
    )
    assert widths == [1.0, 3.2]


def test_a_finding_path_missing_from_the_bibliography_is_a_clear_data_error(monkeypatch):
    data = copy.deepcopy(bibliography.entries())
    del data["burri2011"]["findings"]["odds_ratio_abuse"]["persistent"]
    monkeypatch.setattr(bibliography, "entries", lambda: data)
    with pytest.raises(_data.ToolDataError) as err:
        findings()
    assert str(err.value) == (
        "bibliography.yaml: entry 'burri2011': findings has no 'odds_ratio_abuse.persistent' "
        "(stopped at 'persistent')"
    )


def test_grid_fills_one_square_per_percent():
    assert association.squares_filled(finding("variance-22")) == 22
    # r = -0.16: r squared = 0.0256, about 3 squares
    assert association.squares_filled(finding("correlation-016")) == 3
    with pytest.raises(ValueError, match="odds ratio"):
        association.squares_filled(finding("odds-13"))


def test_grid_figure_draws_the_filled_squares_in_the_palette_colour():
    from matplotlib.colors import to_hex

    fig = association.make_figure(finding("variance-22"))
    squares = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(squares) == 100
    filled = [p for p in squares if to_hex(p.get_facecolor()) == figures.PALETTE["blue"].lower()]
    assert len(filled) == 22
    # meaning is not carried by colour alone: the filled squares are hatched too
    assert all(p.get_hatch() == "//" for p in filled)


def test_odds_figure_shows_comparison_at_one_and_the_ratio():
    fig = association.make_figure(finding("odds-634"))
    ax = fig.axes[0]
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [1.0, 6.34]
    assert "times" in ax.get_xlabel()
    assert ax.get_xlim() == (0.0, association.ODDS_AXIS_MAX)


def test_abuse_findings_point_calmly_to_support():
    picker, text, *_ = _parts(association_explainer())
    assert "Where to get help" not in text.value
    picker.value = "odds-13"
    assert "Where to get help" in text.value


def test_unknown_finding_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown finding 'nope'; use one of: variance-22"):
        association_explainer("nope")


def test_preview_for_places_without_a_kernel():
    tool = association_explainer()
    bundle = tool._repr_mimebundle_()
    assert "22 squares out of 100" in bundle["text/plain"]
    assert "data:image/png;base64," in bundle["text/html"]
    assert RUN_NOTE in bundle["text/html"] and bundle["text/plain"].endswith(RUN_NOTE)
    for f in FINDINGS[1:]:
        assert f.label in bundle["text/html"]
    assert bundle["image/png"]


def test_output_is_deterministic():
    association._png.cache_clear()
    first = association_explainer()._repr_mimebundle_()
    association._png.cache_clear()
    second = association_explainer()._repr_mimebundle_()
    for mime in ("text/plain", "text/html", "image/png"):
        assert first[mime] == second[mime]


def test_using_the_tool_writes_nothing(places, file_writes):
    before = places.files()
    association._png.cache_clear()
    tool = association_explainer()
    for f in FINDINGS:
        tool.picker.value = f.id
    tool._repr_mimebundle_()
    assert places.files() == before
    assert file_writes == []  # nor anywhere else on disk
