"""Lesson: the one object a notebook talks to.

    from pcd import Lesson
    lesson = Lesson("01-what-is-pcd")
    lesson.exercise("what-pcd-means")
    lesson.references("bird2011")

Whatever goes wrong here (a missing bank, a typo in an exercise id, an unknown citation key,
a broken bibliography.yaml), the learner sees a short, kind message instead of a traceback, and the details go to the
`pcd` logger, where authors and the content tests find them.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from IPython.display import display

from . import bibliography, content
from .style import Stylesheet

log = logging.getLogger(__name__)

# What a learner reads when something on the authors' side is broken. They can do nothing
# about it, so the text says the rest still works and keeps the technical part folded away.
_SORRY_EXERCISE = "This self-check could not be shown. The rest of the notebook still works."
_SORRY_BANK = (
    "The self-checks for this notebook could not be loaded. You can still read everything else."
)
_SORRY_REFS = "Some references could not be listed. The others are below."
_SORRY_REFS_ALL = (
    "The references could not be listed, because the list of sources could not be read."
)
_SORRY_SOURCES = (
    "The list of sources could not be read, so sources are shown by name only. "
    "Everything else works."
)
_DETAILS = "Details for the module's authors"


class Message:
    """A short notice in the notebook (HTML, with a plain-text twin for places without HTML)."""

    def __init__(self, text: str, details: str = "", kind: str = "problem"):
        self.text = text
        self.details = details
        self.kind = kind

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .labels import colour

        symbol = "ⓘ"
        border = colour("border")
        more = ""
        if self.details:
            more = (
                f"<details><summary>{_DETAILS}</summary>"
                f"<pre style='white-space:pre-wrap'>{html.escape(self.details)}</pre></details>"
            )
        box = (
            f'<div class="pcd-message pcd-message-{self.kind}" role="note" '
            f'style="border:1px solid {border};border-left:6px solid {border};border-radius:4px;'
            f'padding:6px 10px;margin:4px 0;color:{colour("text")};background:{colour("background")}">'
            f"<strong>{symbol} Note:</strong> {html.escape(self.text)}{more}</div>"
        )
        plain = f"{symbol} Note: {self.text}"
        if self.details:
            plain += f"\n({_DETAILS}: {self.details})"
        return {"text/html": box, "text/plain": plain}


class References:
    """A rendered reference list (HTML for notebooks; Markdown as the plain-text form)."""

    def __init__(self, keys):
        self.keys = tuple(keys)
        self.html, self.markdown = bibliography.reference_list(self.keys)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.markdown}


def bank_path(bank_name: str, banks_dir: Path | None = None) -> Path:
    """Where a bank is read from: `banks_dir`, else the content folder (the checkout's)."""
    return Path(banks_dir or content.banks_dir()) / f"{bank_name}.yaml"


# The digests of the shipped banks, every one checked in full by `make notebooks`
# (write_checked_banks): a bank whose text and engine rules are unchanged skips the schema
# check, and jsonschema's import, in every notebook. An edited bank has another digest and is
# checked in full, with the same kind messages.
CHECKED_BANKS = content.PACKAGE_DIR / "checked-banks.txt"


def checked_banks() -> frozenset[str]:
    try:
        return frozenset(CHECKED_BANKS.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def checked_digests(banks_dir: Path | None = None) -> list[str]:
    """The digests of the banks in ``banks_dir`` that pass every check now, in full."""
    from selfcheck import BankError, parse_bank
    from selfcheck.loading import bank_digest

    known = bibliography.keys() if _sources_ok() else None
    digests = []
    for name in bank_names(banks_dir):
        raw = bank_path(name, banks_dir).read_bytes()
        try:
            parse_bank(raw, f"{name}.yaml", known)  # no `checked`: every check runs
        except BankError:
            continue
        digests.append(bank_digest(raw))
    return sorted(digests)


def write_checked_banks(banks_dir: Path | None = None) -> None:
    """Record the banks that pass every check (tools/execute_notebooks.py, after a full run)."""
    CHECKED_BANKS.write_text("".join(f"{d}\n" for d in checked_digests(banks_dir)), "utf-8")


def _sources_ok() -> bool:
    from .validate import current_bibliography_problems

    return not current_bibliography_problems()


def load(bank_name: str, banks_dir: Path | None = None):
    """The validated bank, checked against the bibliography's keys (raises selfcheck.BankError).
    With a broken bibliography the keys cannot be known, so they are not checked."""
    from selfcheck import load_bank

    known = bibliography.keys() if _sources_ok() else None
    return load_bank(bank_path(bank_name, banks_dir), known_refs=known, checked=checked_banks())


def _cite_by_key(key: str) -> str:
    # The fallback citation while the bibliography is broken: the key, never a traceback.
    return html.escape(key)


def exercise_cite(source_problems: list[str] | None = None):
    """The citation renderer for exercise feedback: links, or keys while the bibliography has
    problems (an entry with no link would otherwise raise inside the Check button)."""
    if source_problems is None:
        from .validate import current_bibliography_problems

        source_problems = current_bibliography_problems()
    return _cite_by_key if source_problems else bibliography.cite_html


class Lesson:
    """Exercises and references for one notebook, backed by its bank."""

    def __init__(self, bank_name: str, *, banks_dir: str | Path | None = None, store=None):
        from selfcheck import BankError
        from selfcheck.progress import default_store

        from .validate import current_bibliography_problems

        self.bank_name = bank_name
        self.banks_dir = Path(banks_dir) if banks_dir else content.banks_dir()
        self.store = store if store is not None else default_store()
        self.bank = None
        self.error: str | None = None
        # The module's stylesheet, before anything it styles: widgets that fit a phone.
        display(Stylesheet())
        # A broken bibliography.yaml (a YAML slip, an entry with no link) must not stop the
        # notebook: one kind note, and citations fall back to their keys.
        self.source_problems = current_bibliography_problems()
        if self.source_problems:
            details = "\n".join(self.source_problems)
            log.error("Lesson(%r): bibliography.yaml: %s", bank_name, details)
            display(Message(_SORRY_SOURCES, details))
        try:
            self.bank = load(bank_name, self.banks_dir)
        except BankError as exc:
            self.error = str(exc)
            log.error("Lesson(%r): %s", bank_name, exc)
            display(Message(_SORRY_BANK, self.error))
        notice = self.store.take_notice()
        if notice:
            display(Message(str(notice), kind="notice"))

    def exercise(self, exercise_id: str):
        """One exercise from the bank, as the cell's result.

        It is returned, not passed to display(): Jupyter shows a cell's last value, so a call
        that did both would put every exercise on the page twice. When the exercise cannot be
        built, the result is a kind message instead of the view.
        """
        from selfcheck import BankError, ExerciseView

        if self.bank is None:
            log.error("Lesson(%r).exercise(%r): no bank loaded", self.bank_name, exercise_id)
            return Message(_SORRY_EXERCISE, f"The bank {self.bank_name!r} did not load.")
        try:
            question = self.bank[exercise_id]
        except BankError as exc:
            log.error("Lesson(%r).exercise(%r): %s", self.bank_name, exercise_id, exc)
            return Message(_SORRY_EXERCISE, str(exc))
        try:
            view = ExerciseView(
                question,
                bank_name=self.bank_name,
                store=self.store,
                cite=exercise_cite(self.source_problems),
                reveal_after=self.bank.reveal_after,
            )
        except Exception as exc:  # a bug must cost the learner one exercise, not the page
            log.exception("Lesson(%r).exercise(%r): the view failed", self.bank_name, exercise_id)
            return Message(_SORRY_EXERCISE, f"{type(exc).__name__}: {exc}")
        return view

    def help_line(self):
        """The short help line (emergency numbers, a link to 08's list), from data/help.yaml."""
        from . import help as pcd_help

        return pcd_help.line()

    def help_table(self):
        """Notebook 08's full list of help services by country, from data/help.yaml."""
        from . import help as pcd_help

        return pcd_help.table()

    def how_to(self):
        """How to use the page, for the view the reader is in (JupyterLab or the app view), as
        the cell's result. One notebook serves both views; see ``pcd.views``."""
        from .views import HowTo

        reveal_after = self.bank.reveal_after if self.bank is not None else 2
        return HowTo(reveal_after=reveal_after)

    def reference_keys(self, *keys: str) -> tuple[str, ...]:
        """`keys` plus every key the bank cites, without duplicates."""
        bank_keys = self.bank.cite_keys() if self.bank is not None else ()
        return tuple(dict.fromkeys([*keys, *bank_keys]))

    def references(self, *keys: str):
        """The reference list for `keys` and every key cited in the bank, as the cell's result."""
        wanted = self.reference_keys(*keys)
        if self.source_problems:
            return Message(_SORRY_REFS_ALL, "\n".join(self.source_problems))
        known = bibliography.keys()
        unknown = [k for k in wanted if k not in known]
        if unknown:
            detail = "Not in bibliography.yaml: " + ", ".join(unknown)
            log.error("Lesson(%r).references: %s", self.bank_name, detail)
            display(Message(_SORRY_REFS, detail))
        return References(k for k in wanted if k in known)


def bank_names(banks_dir: Path | None = None) -> list[str]:
    return sorted(p.stem for p in Path(banks_dir or content.banks_dir()).glob("*.yaml"))


def load_banks(banks_dir: Path | None = None, *, skip: tuple[str, ...] = (), who: str = ""):
    """Every bank in notebook order, except those named in ``skip``. A broken bank is left
    out and logged (for ``who``, e.g. "review"): one broken file must not hide the others."""
    from selfcheck import BankError

    banks = []
    for name in bank_names(banks_dir):
        if name in skip:
            continue
        try:
            banks.append(load(name, banks_dir))
        except BankError as exc:
            log.error("%s: skipping bank %r: %s", who or "load_banks", name, exc)
    return banks


def overview(banks_dir: str | Path | None = None, store=None):
    """The learner's progress over every notebook's bank (a ProgressOverview), kept up to date
    by the kernel's shared store: an answer in this notebook shows in it at once."""
    from selfcheck import ProgressOverview
    from selfcheck.progress import default_store

    banks = load_banks(banks_dir, who="overview")
    return ProgressOverview(store if store is not None else default_store(), banks)
