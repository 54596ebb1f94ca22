"""Show a live widget, with a static preview for places that have no kernel.

A Jupyter widget is only a reference to state that lives in a running kernel. Opened on GitHub,
in nbviewer, or in JupyterLab before the cells are run, that reference points at nothing and the
learner would see an error. Every widget the module shows therefore travels with a static
preview (HTML, plain text and, for figures, a PNG) in the same output. `make notebooks` keeps
only the preview in the committed file; a running kernel shows the live widget instead.
"""

from __future__ import annotations

import base64

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LIVE_CLASS = "selfcheck-live"


class WithPreview:
    """A displayable pair of a live ipywidgets tree and its static preview."""

    def __init__(self, widget, *, html: str, text: str, png: bytes | None = None):
        self.widget = widget
        # One class on every live widget the module shows, so a stylesheet can reach all of
        # them (and nothing else on the page). Plain HTML widgets have no classes to set.
        if hasattr(widget, "add_class"):
            widget.add_class(LIVE_CLASS)
        self.preview_html = html
        self.preview_text = text
        self.preview_png = png

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "text/plain": self.preview_text,
            "text/html": self.preview_html,
        }
        if self.preview_png is not None:
            data["image/png"] = base64.b64encode(self.preview_png).decode("ascii")
        data[WIDGET_MIME] = {
            "version_major": 2,
            "version_minor": 0,
            "model_id": self.widget.model_id,
        }
        return data
