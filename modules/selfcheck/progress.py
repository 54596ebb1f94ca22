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
from datetime import UTC, datetime
from pathlib import Path

from .text import t

FILE_NAME = "progress.json"
VERSION = 1
LOCK_TIMEOUT = 10  # seconds; another notebook holds the lock only for a few milliseconds
_RESULTS = ("correct", "incorrect")


class _Corrupt(Exception):
    pass


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
    """

    def __init__(self, folder=None, save: bool | None = None):
        self._folder = Path(folder).expanduser() if folder is not None else None
        self.save = (not _env_no_save()) if save is None else bool(save)
        self._memory: dict[str, dict] = {}
        self._notice: str | None = None
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
        if self.save:
            try:
                entry = self._update_file(key, bool(correct))
            except OSError as exc:  # read-only home, full disk, lock timeout...
                self._fall_back(exc)
                entry = self._update(self._memory, key, bool(correct))
        else:
            entry = self._update(self._memory, key, bool(correct))
        for listener in list(self._listeners):
            listener()
        return dict(entry)

    def entries(self) -> dict[str, dict]:
        """All entries, keyed "<bank>/<id>"."""
        if not self.save:
            return {k: dict(v) for k, v in self._memory.items()}
        try:
            data = self._read(self.path)
        except _Corrupt:
            data = {}  # record() moves the file aside and tells the learner
        except OSError:
            data = {}
        merged = {**data, **self._memory} if self._memory else data
        return {k: dict(v) for k, v in merged.items()}

    def get(self, bank: str, exercise_id: str) -> dict | None:
        return self.entries().get(f"{bank}/{exercise_id}")

    def reset(self) -> None:
        """Forget all progress: removes our progress.json only (backups are kept)."""
        self._memory.clear()
        if self.save and self.path.exists():
            from filelock import FileLock

            with FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT):
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
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
                entry = self._update(entries, key, correct)
                self._write(entries)
                return entry
        except Timeout as exc:
            raise OSError("the progress file is locked by another program") from exc

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
        if not isinstance(data, dict) or data.get("version") != VERSION:
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
        if self.save:
            self._memory = self.entries() if self._readable() else {}
        self.save = False
        reason = exc.strerror or str(exc) or type(exc).__name__
        self._notice = t("notice_unsaved", reason=reason)

    def _readable(self) -> bool:
        try:
            self._read(self.path)
            return True
        except (OSError, _Corrupt):
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
