"""The hormone timeline: drive its toggle and check what the learner sees."""

from __future__ import annotations

import base64
import copy
import html

import ipywidgets as widgets
import pytest
from pcd import bibliography
from pcd.tools import hormones
from pcd.tools._tool import RUN_NOTE
from pcd.tools.hormones import MEASURED, SCHEMATIC, HormoneTimeline, hormone_timeline


def _png(image) -> bytes:
    """The PNG inside the live figure (an <img> with alt text in an HTML widget)."""
    src = image.value.split('src="data:image/png;base64,', 1)[1].split('"', 1)[0]
    return base64.b64decode(src)


def _parts(shown):
    return shown.toggle, shown.image, shown.caption


def test_starts_on_measured_points_with_published_values_and_sources():
    toggle, image, caption = _parts(hormone_timeline())
    assert isinstance(toggle, widgets.ToggleButtons)
    assert [value for _label, value in toggle.options] == [MEASURED, SCHEMATIC]
    assert toggle.value == MEASURED
    assert _png(image) == hormones.figure_png(MEASURED)
    assert 'alt="' + html.escape(hormones.description(MEASURED), quote=True) + '"' in image.value
    # the learner reads the real numbers, with units, in the text under the figure
    for text in (
        "11.53 pg/mL",
        "14.00",
        "12.56",
        "1.4 to 7.3 pmol/L",
        "still raised at 60 minutes",
    ):
        assert text in caption.value
    for key in hormones.sources():
        assert bibliography.in_text(key) in caption.value
        assert bibliography.link(key) in caption.value
    assert "not data" not in caption.value


def test_toggling_to_schematic_swaps_figure_and_says_it_is_not_data():
    toggle, image, caption = _parts(hormone_timeline())
    toggle.value = SCHEMATIC
    assert _png(image) == hormones.figure_png(SCHEMATIC)
    assert _png(image) != hormones.figure_png(MEASURED)
    assert "drawing, not data" in caption.value
    assert "No study has tracked these hormones in people with PCD" in caption.value
    assert "Shape based on" in caption.value
    # and back again
    toggle.value = MEASURED
    assert _png(image) == hormones.figure_png(MEASURED)
    assert "11.53 pg/mL" in caption.value


def test_values_come_from_the_bibliography_findings(monkeypatch):
    """Change the findings, as an author correcting a figure would: the words follow."""
    data = copy.deepcopy(bibliography.entries())
    data["blaicher1999"]["findings"]["oxytocin_pg_ml"]["baseline"] = 10.25
    data["murphy1987"]["findings"]["oxytocin_pmol_l"]["ejaculation"] = 6.8
    data["murphy1987"]["findings"]["back_to_baseline_by_min"] = 40
    data["exton2001"]["findings"]["sampling_minutes"]["after"] = 45
    monkeypatch.setattr(bibliography, "entries", lambda: data)
    m = hormones.measurements()
    assert m["oxytocin_women"]["baseline"] == 10.25
    assert m["oxytocin_men"]["points"] == [(0.0, 6.8)]
    text = hormones.description(MEASURED)
    assert "10.25 pg/mL" in text and "11.53" not in text
    assert "to 6.8 pmol/L" in text and "7.3" not in text
    assert "back to baseline by 40" in text
    assert "still raised at 45 minutes" in text


def test_measured_figure_plots_only_published_points_in_separate_unit_panels():
    fig = hormones._measured_figure(*hormones._measured_inputs())
    a, b, c = fig.axes
    assert "pg/mL" in a.get_ylabel() and "pmol/L" in b.get_ylabel()
    assert "minutes" in c.get_xlabel()

    def plotted(ax):
        pts = set()
        for line in ax.get_lines():
            xs, ys = line.get_data()
            # horizontal/vertical reference lines are drawn in axes coordinates: skip them
            if line.get_transform() != ax.transData:
                continue
            pts.update(zip(map(float, xs), map(float, ys), strict=False))
        return pts

    assert plotted(a) == {(1.0, 14.00), (5.0, 12.56)}
    # B: the ejaculation value and the reported "back to baseline by 30 min"
    assert plotted(b) == {(0.0, 7.3), (30.0, 1.4)}
    # C: prolactin has no values in the source, so no data line is drawn
    assert plotted(c) == set()
    assert c.get_yticks().size == 0


def test_schematic_is_labelled_as_an_illustration_everywhere():
    fig = hormones._schematic_figure(hormones.view_words(SCHEMATIC)["title"])
    (ax,) = fig.axes
    assert "not data" in ax.get_title(loc="left").lower()
    assert "illustration" in ax.get_ylabel().lower()
    assert any("NOT DATA" in t.get_text() for t in ax.texts)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["before\nsex"]


def test_schematic_shape_follows_the_reported_timing():
    ox_30, pr_30 = hormones._schematic_curves(30)
    ox_0, _ = hormones._schematic_curves(0)
    _, pr_60 = hormones._schematic_curves(60)
    assert ox_0 > 2  # peak at orgasm
    assert ox_30 < 1.02  # back near baseline by 30 minutes (Murphy et al., 1987)
    assert pr_60 > 1.3  # still raised at 60 minutes (Exton et al., 2001)


def test_static_preview_has_figure_text_and_sources_for_places_without_a_kernel():
    shown = hormone_timeline()
    bundle = shown._repr_mimebundle_()
    html_text = bundle["text/html"]
    png_b64 = base64.b64encode(hormones.figure_png(MEASURED)).decode("ascii")
    assert f"data:image/png;base64,{png_b64}" in html_text
    assert 'alt="' + html.escape(hormones.description(MEASURED)[:20], quote=True) in html_text
    assert RUN_NOTE in html_text and bundle["text/plain"].endswith(RUN_NOTE)
    assert bundle["image/png"] == png_b64
    assert "Blaicher et al., 1999" in bundle["text/plain"]
    assert "11.53 pg/mL" in bundle["text/plain"]
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == shown.widget.model_id


def test_starting_on_the_schematic_previews_the_schematic():
    shown = hormone_timeline(SCHEMATIC)
    toggle, image, caption = _parts(shown)
    assert toggle.value == SCHEMATIC
    assert "drawing, not data" in shown._repr_mimebundle_()["text/plain"]


def test_unknown_view_gives_a_clear_error():
    with pytest.raises(ValueError, match="unknown view 'bars'; use one of: measured, schematic"):
        hormone_timeline("bars")
    with pytest.raises(ValueError, match="unknown view"):
        hormones.figure_png("bars")


def test_figures_are_reproducible_png_bytes():
    first = hormones._measured_figure(*hormones._measured_inputs())
    again = hormones._measured_figure(*hormones._measured_inputs())
    from pcd import figures

    assert figures.png_bytes(first) == figures.png_bytes(again)
    assert hormones.figure_png(MEASURED).startswith(b"\x89PNG")


def test_using_the_tool_writes_nothing_to_disk(places, file_writes):
    hormones._figure_png.cache_clear()
    before = places.files()
    tool = HormoneTimeline()
    tool.toggle.value = SCHEMATIC
    tool.toggle.value = MEASURED
    tool._repr_mimebundle_()
    assert places.files() == before
    assert file_writes == []  # nor anywhere else on disk
