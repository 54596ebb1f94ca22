"""Progress overview: per bank, exercises tried and right first time, plus a guarded reset."""

from __future__ import annotations

import ipywidgets as w

from .accessible import LiveRegion
from .display import WithPreview
from .markup import escape
from .text import t


def summarise(store, banks) -> list[tuple[str, int, int, int]]:
    """(title, tried, right first time, total) per bank; reflections are not counted."""
    entries = store.entries()
    rows = []
    for bank in banks:
        ids = [q.id for q in bank if q.gradable]
        seen = [entries.get(f"{bank.name}/{i}") for i in ids]
        tried = sum(1 for e in seen if e)
        first = sum(1 for e in seen if e and e.get("first_try_correct"))
        rows.append((bank.title, tried, first, len(ids)))
    return rows


def table_html(rows) -> str:
    def row(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"

    body = [row((t("overview_notebook"), t("overview_tried"), t("overview_first")), "th")]
    for title, tried, first, n in rows:
        body.append(
            row((title, t("overview_of", n=tried, total=n), t("overview_of", n=first, total=n)))
        )
    tried, first, n = (sum(r[i] for r in rows) for i in (1, 2, 3))
    body.append(
        row(
            (
                t("overview_total"),
                t("overview_of", n=tried, total=n),
                t("overview_of", n=first, total=n),
            )
        )
    )
    return (
        f'<table class="selfcheck-overview"><caption>{escape(t("overview_title"))}'
        f"</caption>{''.join(body)}</table>"
    )


def table_text(rows) -> str:
    lines = [t("overview_title")]
    for title, tried, first, n in rows:
        lines.append(
            t(
                "overview_line",
                title=title,
                tried=t("overview_of", n=tried, total=n),
                first=t("overview_of", n=first, total=n),
            )
        )
    return "\n".join(lines)


class ProgressOverview(WithPreview):
    """A table of progress per bank, refreshed on every record, with "Reset my progress…"."""

    def __init__(self, store, banks):
        self.store = store
        self.banks = list(banks)
        self.table = w.HTML()
        # Present and empty from the start, so what it says later is announced.
        self.status = LiveRegion(kind="selfcheck-progress-status")
        self.refresh_button = w.Button(
            description=t("overview_refresh"),
            tooltip=t("overview_refresh_tooltip"),
            layout=w.Layout(width="auto"),
        )
        self.reset_button = w.Button(
            description=t("overview_reset"),
            tooltip=t("overview_reset_tooltip"),
            layout=w.Layout(width="auto"),
        )
        self.yes_button = w.Button(
            description=t("overview_yes"),
            tooltip=t("overview_yes_tooltip"),
            button_style="danger",
            layout=w.Layout(width="auto"),
        )
        self.cancel_button = w.Button(
            description=t("overview_cancel"),
            tooltip=t("overview_cancel_tooltip"),
            layout=w.Layout(width="auto"),
        )
        self.confirm = w.VBox(
            [
                w.HTML(f"<p>{escape(t('overview_confirm'))}</p>"),
                w.HBox([self.cancel_button, self.yes_button]),
            ],
            layout=w.Layout(display="none"),
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        self.reset_button.on_click(self._ask)
        self.cancel_button.on_click(self._cancel)
        self.yes_button.on_click(self._reset)
        store.on_change(self.refresh)
        self.refresh()
        rows = summarise(store, self.banks)
        box = w.VBox(
            [
                self.table,
                w.HBox([self.refresh_button, self.reset_button]),
                self.confirm,
                self.status,
            ]
        )
        box.add_class("selfcheck-progress")
        html = (
            f'<div class="selfcheck-preview">{table_html(rows)}'
            f"<p><em>{escape(t('overview_preview_run'))}</em></p></div>"
        )
        super().__init__(box, html=html, text=table_text(rows) + "\n" + t("overview_preview_run"))

    def refresh(self) -> None:
        self.table.value = table_html(summarise(self.store, self.banks))

    def _ask(self, _button=None):
        self.confirm.layout.display = None
        self.status.value = ""

    def _cancel(self, _button=None):
        self.confirm.layout.display = "none"
        self.status.value = escape(t("overview_kept"))

    def _reset(self, _button=None):
        self.confirm.layout.display = "none"
        try:
            self.store.reset()
        except OSError as exc:  # a button callback has nowhere to show a traceback
            reason = exc.strerror or str(exc) or type(exc).__name__
            self.status.value = escape(t("overview_reset_failed", reason=reason))
            return
        self.refresh()
        self.status.value = escape(t("overview_was_reset"))
