"""Shared look for every figure: colour-blind-safe colours, readable sizes, reproducible PNGs."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import sys
from pathlib import Path

# Okabe & Ito's palette: distinguishable with the common forms of colour blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#595959",
}

# Hatches go with colours so that no meaning is carried by colour alone.
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]

_STYLE = {
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "pcd",
    # Every figure carries its own white backing, so it reads on a dark notebook page too
    # (and a learner's own matplotlib style cannot make it transparent).
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
}


def new_figure(width: float = 7.5, height: float = 4.2, **subplots):
    """A matplotlib Figure (not attached to pyplot, so nothing is shown twice) and its axes.

    With no keyword arguments there is one axes; keyword arguments go to Figure.subplots
    (e.g. nrows=3, sharex=True) and an array of axes comes back.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
        axes = fig.subplots(**subplots) if subplots else fig.add_subplot()
    return fig, axes


def png_bytes(fig) -> bytes:
    """Render a figure to PNG bytes with no time stamp or version in the file."""
    import matplotlib as mpl

    buf = io.BytesIO()
    with mpl.rc_context(_STYLE):
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def img_html(png: bytes, alt: str, max_width: str = "100%") -> str:
    """A PNG as an <img> with alt text, for live widgets and static previews alike.

    ipywidgets.Image cannot carry alt text, so a screen reader would meet an unnamed image
    (an axe-core "critical" finding); an HTML widget holding this tag can.
    """
    import base64
    import html

    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:{max_width};width:100%;height:auto">'
    )


# --- the shipped figure cache ---------------------------------------------------------------
#
# Drawing the first figure in a kernel costs about a second (matplotlib's figure machinery,
# fonts, the renderer): most of what notebooks 01, 02, 03 and 07 take beyond their imports.
# So `make notebooks` keeps the PNG of every figure it draws in figure-cache/, named by a hash
# of everything the figure depends on: the inputs it is drawn from (data and words), the source
# of the module that draws it and of this one, and matplotlib's version. A kernel that needs
# the same figure reads the file instead of drawing; any change to data, words, code or
# matplotlib gives a new name, so a stale picture is never shown: the figure is drawn afresh.

CACHE_DIR = Path(__file__).parent / "figure-cache"
WRITE_CACHE_ENV = "PCD_WRITE_FIGURE_CACHE"  # set by tools/execute_notebooks.py only


@functools.cache
def _source_digest(module: str) -> bytes:
    return hashlib.sha256(Path(sys.modules[module].__file__).read_bytes()).digest()


@functools.cache
def _matplotlib_version() -> str:
    # From the installed package's metadata, not `matplotlib.__version__`: importing
    # matplotlib (numpy, PIL, fonts) costs a notebook about 0.2 s, for a version string that a
    # cache hit needs and nothing else does.
    from importlib.metadata import version

    return version("matplotlib")


def figure_key(draw, inputs: tuple) -> str:
    """The cache name of draw(*inputs): the same only if the PNG would be the same."""
    h = hashlib.sha256()
    for part in (
        _source_digest(draw.__module__),
        _source_digest(__name__),
        f"{draw.__qualname__}|{_matplotlib_version()}|{inputs!r}".encode(),
    ):
        h.update(part)
    return h.hexdigest()[:32]


def cached_png(draw, *inputs) -> bytes:
    """PNG bytes of the Figure that draw(*inputs) returns, read from the cache when it holds
    this exact figure. `inputs` must be everything the drawing reads (their repr is hashed)."""
    path = CACHE_DIR / f"{figure_key(draw, inputs)}.png"
    writing = bool(os.environ.get(WRITE_CACHE_ENV))
    if not writing:
        try:
            return path.read_bytes()
        except OSError:
            pass  # not cached (or not readable): draw it
    png = png_bytes(draw(*inputs))
    if writing:
        CACHE_DIR.mkdir(exist_ok=True)
        path.write_bytes(png)
    return png
