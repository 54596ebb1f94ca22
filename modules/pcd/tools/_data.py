"""The tools' words and numbers, read from YAML files that educators can edit (data/tools/).

Each tool declares the shape of its file as a small spec (see `load`); a file that does not fit
raises `ToolDataError` naming the file, the entry and the field, the way a broken exercise bank
does, so `python -m pcd check` and the tests can point at the line to fix.

A spec is a dict of field name -> one of:
  str                      text (must not be empty)
  float                    a number
  bool                     true or false
  [str]                    a list of texts
  [{...}]                  a list of entries, each with the fields of the inner spec; an entry's
                           "id" (when it has one) names it in messages
  {...}                    a mapping with the fields of the inner spec
  Optional(spec)           the field may be left out
"""

from __future__ import annotations

import contextlib
import difflib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pcd import bibliography, content

_override: list[Path] = []  # set by reading_from() while a copy is being checked


def tools_dir() -> Path:
    """Where the tools' data files are read from: data/tools/ of the content (see pcd.content)."""
    return _override[-1] if _override else content.data_file("tools")


@contextlib.contextmanager
def reading_from(folder: Path):
    """Read the tools' data files from `folder` for a while (for checking a copy)."""
    _override.append(Path(folder))
    try:
        yield
    finally:
        _override.pop()


class ToolDataError(ValueError):
    """A tool's data file is missing, unreadable or does not fit its spec."""


@dataclass(frozen=True)
class Optional:
    spec: Any


def _kind(value) -> str:
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return type(value).__name__


def _check(value, spec, where: str, problems: list[str]) -> None:
    if isinstance(spec, Optional):
        spec = spec.spec
    if spec is str:
        if not isinstance(value, str):
            problems.append(f"{where}: expected text, got {_kind(value)}")
        elif not value.strip():
            problems.append(f"{where}: must not be empty")
    elif spec is bool:
        if not isinstance(value, bool):
            problems.append(f"{where}: expected true or false, got {_kind(value)}")
    elif spec is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{where}: expected a number, got {_kind(value)}")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list, got {_kind(value)}")
            return
        if not value:
            problems.append(f"{where}: must not be empty")
        for i, item in enumerate(value, 1):
            name = f"#{i}"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                name = repr(item["id"])
            _check(item, spec[0], f"{where}[{name}]", problems)
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            problems.append(f"{where}: expected {_kind({})}, got {_kind(value)}")
            return
        for field, sub in spec.items():
            if field not in value:
                if not isinstance(sub, Optional):
                    problems.append(f"{where}: field '{field}': is missing (required)")
                continue
            _check(value[field], sub, f"{where}: field '{field}'", problems)
        for field in value:
            if field not in spec:
                close = difflib.get_close_matches(str(field), list(spec), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(
                    f"{where}: field '{field}': unknown field; {hint}(allowed: {', '.join(spec)})"
                )
    else:  # pragma: no cover - a spec bug, not a data problem
        raise TypeError(f"bad spec {spec!r}")


def validate(data, spec: dict, name: str) -> None:
    """Raise ToolDataError listing every place where `data` does not fit `spec`."""
    problems: list[str] = []
    _check(data, spec, name, problems)
    if problems:
        raise ToolDataError("\n".join(problems))


@functools.lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int):
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise ToolDataError(f"{path.name}{line}: not valid YAML: {problem}") from None
    except UnicodeDecodeError:
        raise ToolDataError(f"{path.name}: not UTF-8 text; save it as UTF-8") from None


def load(tool: str, spec: dict, directory: Path | None = None) -> dict:
    """The validated contents of data/tools/<tool>.yaml (cached; re-read when it changes)."""
    path = Path(directory or tools_dir()) / f"{tool}.yaml"
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ToolDataError(f"{path.name}: cannot open the file ({exc.strerror})") from None
    data = _read(path, mtime)
    validate(data, spec, path.name)
    return data


def require_ids(data: dict, field: str, expected: tuple[str, ...], file: str) -> None:
    """The code draws on these entries by id: they must all be there, in this order."""
    ids = tuple(entry["id"] for entry in data[field])
    if ids != expected:
        raise ToolDataError(
            f"{file}: field '{field}': the ids must be {', '.join(expected)} in that order, "
            f"not {', '.join(ids)}"
        )


def stamp(*files) -> tuple[int, ...]:
    """Modification times of data files (a Path, or a tool's name), for cache keys."""
    paths = [f if isinstance(f, Path) else tools_dir() / f"{f}.yaml" for f in files]
    return tuple(p.stat().st_mtime_ns for p in paths)


def finding(source: str, path: str) -> float:
    """A number from a bibliography entry's findings, e.g. finding("burri2011",
    "odds_ratio_abuse.recent"), so a tool never repeats a figure its source already holds."""
    try:
        value: Any = bibliography.entry(source).get("findings") or {}
    except bibliography.UnknownReference:
        raise ToolDataError(
            f"unknown reference key {source!r} (not in bibliography.yaml)"
        ) from None
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ToolDataError(
                f"bibliography.yaml: entry '{source}': findings has no '{path}' "
                f"(stopped at '{part}')"
            )
        value = value[part]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ToolDataError(
            f"bibliography.yaml: entry '{source}': findings '{path}' is {_kind(value)}, "
            "not a number"
        )
    return float(value)


def fill(template: str, values: dict, where: str) -> str:
    """`template` with {name} fields filled from `values`; an unknown name is a data error."""
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError) as exc:
        known = ", ".join("{" + k + "}" for k in values)
        raise ToolDataError(f"{where}: cannot fill in {exc} (you can use: {known})") from None
