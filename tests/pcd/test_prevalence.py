"""The Wilson interval, the prevalence data and the explorer widget."""

from __future__ import annotations

import base64
import struct

import ipywidgets as w
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pcd.tools import prevalence as P

# --- Wilson interval ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "p, n, low, high",
    [
        (0.5, 100, 0.403832, 0.596168),  # textbook value
        (0.0, 10, 0.0, 0.277533),  # upper limit z²/(n + z²)
        (1.0, 10, 0.722467, 1.0),
        (0.46, 230, 0.396774, 0.524540),  # Schweitzer et al. 2015, lifetime
        (0.1, 50, 0.043476, 0.213602),  # worked by hand
    ],
)
def test_wilson_interval_known_values(p, n, low, high):
    lo, hi = P.wilson_interval(p, n)
    assert lo == pytest.approx(low, abs=2e-6)
    assert hi == pytest.approx(high, abs=2e-6)


@given(st.floats(0, 1), st.integers(1, 100_000))
def test_wilson_interval_contains_p_and_stays_in_range(p, n):
    lo, hi = P.wilson_interval(p, n)
    assert 0 <= lo <= p + 1e-12 and p - 1e-12 <= hi <= 1


def test_wilson_interval_narrows_with_more_people():
    small = P.wilson_interval(0.3, 50)
    large = P.wilson_interval(0.3, 5000)
    assert large[1] - large[0] < small[1] - small[0]


@pytest.mark.parametrize("p, n", [(0.5, 0), (1.2, 10), (-0.1, 10)])
def test_wilson_interval_rejects_bad_input(p, n):
    with pytest.raises(ValueError):
        P.wilson_interval(p, n)


# --- data ---------------------------------------------------------------------------------------


def test_rows_are_typed_and_ranges_kept_as_ranges():
    rows = {(r.study_key, r.measure): r for r in P.load_prevalence()}
    men_regular = rows[("maczkowiack2019", "regular")]
    assert (men_regular.percent, men_regular.percent_high, men_regular.n) == (3.0, 4.0, 1208)
    assert men_regular.label() == "3–4%"
    low, high = men_regular.interval()
    assert low == pytest.approx(100 * P.wilson_interval(0.03, 1208)[0])
    assert high == pytest.approx(100 * P.wilson_interval(0.04, 1208)[1])
    assert rows[("toussaint-nd", "pses_pcd")].interval() is None  # no subgroup size: no interval


def test_select_filters_measure_and_group():
    assert [r.study_key for r in P.select("lifetime", "all")] == [
        "bird2011",
        "schweitzer2015",
        "maczkowiack2019",
    ]
    assert [r.study_key for r in P.select("past_4_weeks", "men")] == ["maczkowiack2019"]
    assert [r.study_key for r in P.select("regular", "women")] == ["schweitzer2015"]
    with pytest.raises(ValueError, match="unknown measure 'weekly'"):
        P.select("weekly", "all")


# --- the figure ---------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_figure_is_deterministic_and_depends_on_the_choice():
    a = P.figure_png("lifetime", "all")
    assert a == P.figure_png("lifetime", "all")
    assert a != P.figure_png("past_4_weeks", "all")
    assert a != P.figure_png("lifetime", "women")
    assert _png_size(a) == (750, 390)  # readable at 100% zoom in a notebook column


def _explorer():
    return P.prevalence_explorer()


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _png(ex) -> bytes:
    src = ex.image.value.split('src="data:image/png;base64,', 1)[1].split('"', 1)[0]
    return base64.b64decode(src)


def test_explorer_starts_with_the_preview_it_carries():
    ex = _explorer()
    assert _png(ex) == P.figure_png("lifetime", "all")
    assert 'alt="Each bar shows' in ex.image.value  # screen readers get the description
    bundle = ex._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == _png(ex)
    assert '<img src="data:image/png;base64,' in bundle["text/html"]
    assert 'alt="Each bar shows' in bundle["text/html"]
    assert "Bird et al., 2011" in bundle["text/plain"]
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id
    # Figures are PNGs in an HTML widget: no Output widget, nothing printed.
    assert not any(isinstance(x, w.Output) for x in _walk(ex.widget))


def test_changing_the_measure_redraws_and_recaptions():
    ex = _explorer()
    before = _png(ex)
    ex.measure.value = "past_4_weeks"
    assert _png(ex) != before
    assert _png(ex) == P.figure_png("past_4_weeks", "all")
    caption = ex.caption.value
    assert "in the past 4 weeks" in caption
    for study in (
        "Bird et al., 2011",
        "Schweitzer et al., 2015",
        "Maczkowiack &amp; Schweitzer, 2019",
    ):
        assert study in caption
    assert "different time spans" in caption  # why studies differ


def test_choosing_men_names_only_the_mens_study():
    ex = _explorer()
    ex.group.value = "men"
    caption = ex.caption.value
    assert "share of men" in caption
    assert "Maczkowiack &amp; Schweitzer, 2019" in caption
    assert "Bird et al." not in caption and "Schweitzer et al., 2015" not in caption
    assert 'href="https://doi.org/10.1080/0092623X.2018.1488326"' in caption


def test_regular_explains_the_press_figure_and_the_range():
    ex = _explorer()
    ex.measure.value = "regular"
    caption = ex.caption.value
    assert "press release" in caption
    assert "3–4%" in caption and "striped" in caption


def test_explorer_rejects_unknown_choices_clearly():
    with pytest.raises(ValueError, match="unknown measure 'recent'"):
        P.prevalence_explorer(measure="recent")
    with pytest.raises(ValueError, match="unknown group 'kids'"):
        P.prevalence_explorer(group="kids")
