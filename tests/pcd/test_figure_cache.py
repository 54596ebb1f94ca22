"""pcd.figures.cached_png: the notebooks' figures come from a cache that is exactly current.

`make notebooks` keeps each figure it draws in modules/pcd/figure-cache/, named by a hash of
everything the figure depends on; a kernel reads the file instead of paying for matplotlib's
first draw. These tests prove the committed cache is what drawing now gives (no stale or
missing file), that a hit skips drawing, that any change to the inputs misses, and that only
`make notebooks` writes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pcd import figures
from pcd.tools import association, conversation, hormones, prevalence


def _clear_memos():
    prevalence._figure_png.cache_clear()
    hormones._figure_png.cache_clear()
    association._png.cache_clear()


def _notebook_figures():
    """What the notebooks show on Run All (their one-line tool calls, default views)."""
    prevalence.prevalence_explorer()
    hormones.hormone_timeline()
    association.association_explainer()
    conversation.context_chart()


SHIPPED = figures.CACHE_DIR  # the committed cache (the fixture below points elsewhere)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    _clear_memos()
    monkeypatch.setattr(figures, "CACHE_DIR", tmp_path / "cache")
    yield tmp_path / "cache"
    _clear_memos()


def test_the_committed_cache_is_exactly_what_the_notebooks_draw_now(fresh_cache, monkeypatch):
    shipped = {p.name: p.read_bytes() for p in SHIPPED.glob("*.png")}
    monkeypatch.setenv(figures.WRITE_CACHE_ENV, "1")
    _notebook_figures()
    drawn = {p.name: p.read_bytes() for p in fresh_cache.glob("*.png")}
    assert len(drawn) == 4  # one figure per chart notebook (01, 02, 03, 07)
    assert sorted(shipped) == sorted(drawn), "run `make notebooks` to refresh the figure cache"
    assert shipped == drawn


def test_a_cached_figure_is_read_instead_of_drawn(fresh_cache, monkeypatch):
    monkeypatch.setenv(figures.WRITE_CACHE_ENV, "1")
    png = figures.cached_png(association.make_figure, association.finding("odds-13"))
    monkeypatch.delenv(figures.WRITE_CACHE_ENV)

    def must_not_draw(*_inputs):
        raise AssertionError("drew a figure the cache holds")

    must_not_draw.__module__ = association.make_figure.__module__
    must_not_draw.__qualname__ = association.make_figure.__qualname__
    assert figures.cached_png(must_not_draw, association.finding("odds-13")) == png
    # other inputs (another finding, or the same one with other words) are a miss: drawn
    with pytest.raises(AssertionError, match="drew a figure"):
        figures.cached_png(must_not_draw, association.finding("odds-116"))


def test_any_input_the_figure_depends_on_changes_its_name():
    f = association.finding("odds-13")
    key = figures.figure_key(association.make_figure, (f,))
    moved = association.Finding(**{**f.__dict__, "value": 1.31})
    relabelled = association.Finding(**{**f.__dict__, "bar_labels": ("A", "B")})
    assert figures.figure_key(association.make_figure, (moved,)) != key
    assert figures.figure_key(association.make_figure, (relabelled,)) != key
    assert figures.figure_key(association._draw_grid, (f,)) != key  # another drawing


def test_without_make_notebooks_a_miss_is_drawn_and_nothing_is_written(
    fresh_cache, file_writes, monkeypatch
):
    monkeypatch.delenv(figures.WRITE_CACHE_ENV, raising=False)
    png = figures.cached_png(association.make_figure, association.finding("odds-634"))
    assert png.startswith(b"\x89PNG")
    assert not fresh_cache.exists()
    assert file_writes == []


def test_a_cache_hit_does_not_import_matplotlib():
    # Importing matplotlib costs a notebook about 0.2 s (numpy, PIL, fonts); with every figure
    # in the cache, the chart notebooks must not pay it (their app view waits for all cells).
    code = (
        "import sys\n"
        "from pcd.tools import association, conversation, hormones, prevalence\n"
        "for view in (prevalence.prevalence_explorer(), hormones.hormone_timeline(),\n"
        "             association.association_explainer(), conversation.context_chart()):\n"
        "    view._repr_mimebundle_()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != figures.WRITE_CACHE_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
