"""Local progress store: one JSON file, safe across processes, never holding free text.

Format of ``progress.json``::

    {"version": 1, "exercises": {"<bank>/<id>": {"attempts": 3, "first_try_correct": false,
     "last_result": "correct", "updated": "2025-01-01T12:00:00+00:00", "last_wrong": "..."}}}

Every write takes a file lock, re-reads the file, changes one entry, writes a temporary file
and renames it over the old one, so two open notebooks never lose each other's updates and a
crash mid-write leaves the previous file whole. Nothing is created before the first record().
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from .text import t

FILE_NAME = "progress.json"
VERSION = 1
LOCK_TIMEOUT = 10  # seconds; another notebook holds the lock only for a few milliseconds
_RESULTS = ("correct", "incorrect")


class Store(Protocol):
    """What the views, the overview and the review need from a progress store."""

    def record(self, bank: str, exercise_id: str, correct: bool) -> dict: ...
    def entries(self) -> dict[str, dict]: ...
    def take_notice(self) -> str | None: ...
    def on_change(self, callback: Callable[[], None]) -> None: ...


class _Corrupt(Exception):
    pass


class _Newer(Exception):
    """The file was written by a newer version of the module: not ours to change."""


class _Locked(OSError):
    """Another program held the lock for LOCK_TIMEOUT seconds: a passing state."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _env_no_save() -> bool:
    return os.environ.get("SELFCHECK_NO_SAVE", "").strip().lower() in ("1", "true", "yes", "on")


def default_folder() -> Path:
    folder = os.environ.get("SELFCHECK_PROGRESS_DIR")
    if folder:
        return Path(folder).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "selfcheck"


class ProgressStore:
    """Attempts and results per exercise, saved to ``<folder>/progress.json``.

    ``folder``: default ``$SELFCHECK_PROGRESS_DIR`` or ``<jupyter data dir>/selfcheck``.
    ``save``: False (or ``SELFCHECK_NO_SAVE=1``) keeps everything in memory only.
    ``saving`` says whether answers are being written; it turns False, with a notice, when the
    folder cannot be written or the file is from a newer version of the module.
    """

    def __init__(self, folder=None, save: bool | None = None):
        self._folder = Path(folder).expanduser() if folder is not None else None
        self.saving = (not _env_no_save()) if save is None else bool(save)
        self._memory: dict[str, dict] = {}
        # Attempts made while another program held the lock; written with the next one.
        self._pending: list[tuple[str, bool]] = []
        self._notice: str | None = None
        self._told: set[str] = set()
        self._listeners: list = []

    # ------------------------------------------------------------------ public API

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = default_folder()
        return self._folder

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def record(self, bank: str, exercise_id: str, correct: bool) -> dict:
        """Count one graded attempt; returns the updated entry."""
        key = f"{bank}/{exercise_id}"
        entry = None
        if self.saving:
            try:
                entry = self._update_file(key, bool(correct))
            except _Locked:
                # Passing: keep the attempt and write it with the next one; saving stays on.
                self._pending.append((key, bool(correct)))
                self._tell("notice_locked")
                entry = self.entries()[key]
            except _Newer:
                self._pause("notice_newer")
            except OSError as exc:  # read-only home, full disk...
                self._fall_back(exc)
        if entry is None:
            entry = self._update(self._memory, key, bool(correct))
        for listener in list(self._listeners):
            listener()
        return dict(entry)

    def entries(self) -> dict[str, dict]:
        """All entries, keyed "<bank>/<id>"."""
        if not self.saving:
            return {k: dict(v) for k, v in self._memory.items()}
        try:
            data = self._read(self.path)
        except (_Corrupt, _Newer):
            data = {}  # record() moves a corrupt file aside, or pauses saving, and says so
        except OSError:
            data = {}
        for key, correct in self._pending:
            self._update(data, key, correct)
        merged = {**data, **self._memory} if self._memory else data
        return {k: dict(v) for k, v in merged.items()}

    def get(self, bank: str, exercise_id: str) -> dict | None:
        return self.entries().get(f"{bank}/{exercise_id}")

    def reset(self) -> None:
        """Forget all progress: removes our progress.json only (backups are kept).

        Raises ``OSError`` when the file cannot be removed; then nothing is forgotten.
        A file from a newer version of the module is not ours to remove and is kept.
        """
        if self.saving and self.path.exists():
            from filelock import FileLock, Timeout

            try:
                with FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT):
                    try:
                        self._read(self.path)
                    except _Newer:
                        raise PermissionError(t("reset_newer")) from None
                    except (_Corrupt, OSError):
                        pass  # a damaged file may go
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
            except Timeout as exc:
                raise _Locked(t("reason_locked")) from exc
        self._memory.clear()
        self._pending.clear()
        for listener in list(self._listeners):
            listener()

    def take_notice(self) -> str | None:
        """A plain-language notice for the learner (once), e.g. after a corrupt file."""
        notice, self._notice = self._notice, None
        return notice

    def on_change(self, callback) -> None:
        """Call ``callback()`` after every record() or reset() in this process."""
        self._listeners.append(callback)

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _update(entries: dict, key: str, correct: bool) -> dict:
        now = _now()
        entry = entries.get(key)
        if entry is None:
            entry = {
                "attempts": 0,
                "first_try_correct": correct,
                "last_result": None,
                "updated": now,
                "last_wrong": None,
            }
        entry["attempts"] += 1
        entry["last_result"] = "correct" if correct else "incorrect"
        entry["updated"] = now
        if not correct:
            entry["last_wrong"] = now
        entries[key] = entry
        return entry

    def _update_file(self, key: str, correct: bool) -> dict:
        from filelock import FileLock, Timeout

        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT):
                try:
                    entries = self._read(self.path)
                except _Corrupt:
                    entries = {}
                    backup = self._move_aside()
                    self._notice = t("notice_corrupt", backup=backup.name)
                for pending_key, pending_correct in self._pending:
                    self._update(entries, pending_key, pending_correct)
                entry = self._update(entries, key, correct)
                self._write(entries)
                self._pending.clear()
                return entry
        except Timeout as exc:
            raise _Locked(t("reason_locked")) from exc

    @staticmethod
    def _read(path: Path) -> dict[str, dict]:
        """The entries in ``path``; {} if it does not exist; _Corrupt if unusable."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise _Corrupt(str(exc)) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Corrupt(str(exc)) from exc
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise _Newer(version)
        if version != VERSION:
            raise _Corrupt("unknown format")
        exercises = data.get("exercises")
        if not isinstance(exercises, dict):
            raise _Corrupt("no exercises")
        clean = {}
        for key, entry in exercises.items():
            if not _valid_entry(key, entry):
                raise _Corrupt(f"bad entry {key!r}")
            # Keep only known fields: the store never carries anything else, e.g. free text.
            clean[key] = {
                name: entry.get(name)
                for name in (
                    "attempts",
                    "first_try_correct",
                    "last_result",
                    "updated",
                    "last_wrong",
                )
            }
        return clean

    def _write(self, entries: dict) -> None:
        import tempfile  # only needed once something is saved; keeps `import selfcheck` light

        data = {"version": VERSION, "exercises": dict(sorted(entries.items()))}
        text = json.dumps(data, indent=1, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.folder)
        try:
            # No fsync: it cost ~6 ms per click here. The rename is still atomic for a crashed
            # kernel; after a power cut the worst case is a damaged file, which is moved aside.
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}-{n}")
        os.replace(self.path, backup)
        return backup

    def _fall_back(self, exc: OSError) -> None:
        # Keep the learner going in memory; tell them once, in plain words.
        if self.saving:
            self._memory = self.entries() if self._readable() else {}
        self.saving = False
        reason = exc.strerror or str(exc) or type(exc).__name__
        self._notice = t("notice_unsaved", reason=reason)

    def _pause(self, notice_key: str) -> None:
        # The file stays exactly as it is; this session's answers live in memory.
        self.saving = False
        self._memory = {}
        self._notice = t(notice_key)

    def _tell(self, notice_key: str) -> None:
        """Set a notice that is shown once per session, however often its cause returns."""
        if notice_key not in self._told:
            self._told.add(notice_key)
            self._notice = t(notice_key)

    def _readable(self) -> bool:
        try:
            self._read(self.path)
            return True
        except (OSError, _Corrupt, _Newer):
            return False


def _valid_entry(key, entry) -> bool:
    return (
        isinstance(key, str)
        and "/" in key
        and isinstance(entry, dict)
        and isinstance(entry.get("attempts"), int)
        and not isinstance(entry.get("attempts"), bool)
        and entry["attempts"] >= 1
        and isinstance(entry.get("first_try_correct"), bool)
        and entry.get("last_result") in _RESULTS
        and isinstance(entry.get("updated"), str)
        and (entry.get("last_wrong") is None or isinstance(entry.get("last_wrong"), str))
    )


# The kernel's one store: every entry point (a notebook's Lesson, its progress overview, the
# review) uses it unless given another, so an answer updates the overview in the same notebook
# at once, through the store's listeners. Keyed by the settings it was made from, so a changed
# SELFCHECK_PROGRESS_DIR or SELFCHECK_NO_SAVE (tests, a learner's choice) gets a fresh store.
_default: tuple[tuple, ProgressStore] | None = None


def default_store() -> ProgressStore:
    """This process's shared ProgressStore (created on first use)."""
    global _default
    settings = (os.environ.get("SELFCHECK_PROGRESS_DIR"), _env_no_save())
    if _default is None or _default[0] != settings:
        _default = (settings, ProgressStore())
    return _default[1]
