"""Save notebooks with their static previews, not with references to live widgets.

A live widget's output holds a view reference (``application/vnd.jupyter.widget-view+json``)
next to its static preview (see `display.WithPreview`). JupyterLab prefers the reference, but
the model it names lives only in the running kernel: a notebook saved after Run All and opened
again after its kernel stopped would show "Error displaying widget: model not found" in place
of every exercise. So before a notebook is written, this hook drops the reference from every
output that carries a preview of its own, and drops saved widget state (which would hold what
the learner typed). The open notebook keeps its live widgets; only the file changes.

It is a Jupyter server extension, switched on by ``etc/jupyter/jupyter_server_config.d/
selfcheck.json``, which the package installs (a wheel data file), so every route that installs
the package (``make lab``, pip, Binder, a hub image) gets it with no setting to change. It adds
its hook beside any other pre-save hooks rather than replacing them.
"""

from __future__ import annotations

from .display import WIDGET_MIME

# An output that has any of these shows something useful without a kernel.
PREVIEW_MIMES = ("text/html", "image/png", "text/plain")


def drop_widget_views(nb: dict, *, keep_bare: bool = True) -> dict:
    """Remove live-widget references (and saved widget state) from a notebook dict, in place.

    An output that is only a widget reference, with no preview, is kept when `keep_bare`
    (someone's own widget: removing it would lose the output) and dropped otherwise (the
    committed notebooks, which must show nothing broken). Returns `nb`.
    """
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb.get("cells", ()):
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for output in cell.get("outputs", ()):
            data = output.get("data")
            if data and WIDGET_MIME in data:
                if any(mime in data for mime in PREVIEW_MIMES):
                    del data[WIDGET_MIME]
                elif not keep_bare:
                    continue
            kept.append(output)
        cell["outputs"] = kept
    return nb


def pre_save_hook(model: dict, **_kwargs) -> None:
    """A ContentsManager pre-save hook: notebooks are saved with previews, not references."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        drop_widget_views(model["content"])


def _jupyter_server_extension_points():
    return [{"module": "selfcheck.savehook"}]


def _load_jupyter_server_extension(serverapp) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.log.info("selfcheck: notebooks are saved with static previews of live widgets")
