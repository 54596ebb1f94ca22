"""The "associated with" vs "caused by" explainer: drive its dropdown and check what the learner sees."""

from __future__ import annotations

import base64
import html
import os

import pytest
from matplotlib.patches import Rectangle
from pcd import bibliography, figures
from pcd.tools import association
from pcd.tools.association import FINDINGS, association_explainer, finding


def _parts(tool):
    picker, text, image, caption = tool.widget.children
    return picker, text, image, caption


def test_default_view_shows_22_percent_in_plain_words():
    picker, text, image, caption = _parts(association_explainer())
    assert picker.value == "variance-22"
    assert "22 squares out of 100" in text.value
    assert "78" in text.value
    assert image.value == association.image_html(finding("variance-22"))
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


def test_real_effect_sizes_are_the_published_ones():
    assert finding("variance-22").value == 22
    assert finding("correlation-016").value == -0.16
    assert finding("odds-13").value == 1.3
    assert finding("odds-116").value == 1.16
    assert finding("odds-634").value == 6.34


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
    assert "Run this cell to choose another finding" in bundle["text/html"]
    for f in FINDINGS[1:]:
        assert f.label in bundle["text/html"]
    assert bundle["image/png"]


def test_output_is_deterministic():
    association.figure_png.cache_clear()
    first = association_explainer()._repr_mimebundle_()
    association.figure_png.cache_clear()
    second = association_explainer()._repr_mimebundle_()
    for mime in ("text/plain", "text/html", "image/png"):
        assert first[mime] == second[mime]


def test_using_the_tool_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(os.listdir(tmp_path))
    picker, *_ = _parts(association_explainer())
    for f in FINDINGS:
        picker.value = f.id
    assert sorted(os.listdir(tmp_path)) == before == []
