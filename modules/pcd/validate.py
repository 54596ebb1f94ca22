"""Check the content files the notebooks read: exercise banks, the bibliography, the study data.

One registry, CONTENT_FILES, lists every content file and the function that checks it.
`python -m pcd check` goes through it; `Lesson` uses the bibliography's check before it cites;
the tests prove that each rule catches its mistake. A check returns a list of problems, each
naming the file, the entry and the field, as the bank loader's BankError does:

    bibliography.yaml: entry 'bird2011': field 'doi': '10.1080' is not a DOI
    prevalence.csv: line 4: field 'percent': 'about 30' is not a number

An empty list means the file is fine. To add a content file (say `data/help.yaml`), write a
function `help_problems(path) -> list[str]` and add one `ContentFile(...)` line below.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import content

# --------------------------------------------------------------------------- shared


def _read_text(path: Path) -> tuple[str | None, list[str]]:
    """The file's text, or None and the problem (missing, unreadable, not UTF-8)."""
    label = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [f"{label}: cannot read the file ({exc.strerror or exc})"]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            f"{label}: the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at line "
            f"{line}); save it with UTF-8 encoding"
        ]


def _read_yaml(path: Path):
    """(data, problems) for a YAML file whose top level is a mapping with unique keys."""
    import yaml

    text, problems = _read_text(path)
    if text is None:
        return None, problems
    label = path.name
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # Parse once: the node tree shows duplicate keys, and is then turned into data.
        node = yaml.compose(text, Loader=loader)
        data = loader("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [f"{label}: YAML syntax error{where}: {problem}"]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [f"{label}: YAML syntax error: {exc}"]
    if not isinstance(data, dict):
        return None, [f"{label}: the file must be a mapping of keys to entries"]
    # PyYAML keeps the last of two equal keys without a word: a second entry with an existing
    # key would silently replace the first.
    seen: set = set()
    for key_node, _ in node.value:
        if key_node.value in seen:
            problems.append(
                f"{label}: line {key_node.start_mark.line + 1}: the key '{key_node.value}' "
                "appears twice"
            )
        seen.add(key_node.value)
    return data, problems


# --------------------------------------------------------------------------- bibliography

KEY = re.compile(r"[a-z]+(\d{4}b?|-nd)")
SEARCH_ENGINE = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:google|bing|duckduckgo|yahoo|baidu|yandex)\.[a-z.]+(?:/|$)", re.I
)
DOI = re.compile(r"10\.\d{4,9}/\S+")
ENTRY_TYPES = ("article", "book", "guideline", "report")


def bibliography_entry_problems(key: str, e, label: str = "bibliography.yaml") -> list[str]:
    """Every problem of one entry (what a reference, an in-text form and a link need)."""
    where = f"{label}: entry '{key}'"
    if not isinstance(e, dict):
        return [f"{where}: must be a mapping of fields (type, authors, year, title, ...)"]

    def field(name: str, text: str) -> str:
        return f"{where}: field '{name}': {text}"

    problems = []
    if not KEY.fullmatch(str(key)):
        problems.append(
            f"{where}: keys are the first author's surname + year in lowercase ASCII "
            "(+ b for a second paper), or name + '-nd' when the year is not known"
        )
    if e.get("type", "article") not in ENTRY_TYPES:
        problems.append(field("type", f"{e['type']!r} is not one of {', '.join(ENTRY_TYPES)}"))
    authors = e.get("authors")
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        problems.append(field("authors", "must be a list of names (it may be empty: [])"))
    elif not authors and not e.get("short_title"):
        problems.append(field("short_title", "without authors, give one for the in-text form"))
    if not (e.get("title") or e.get("description")):
        problems.append(field("title", "missing (give a description when it is not known)"))
    year = e.get("year")
    if year is None:
        if not str(key).endswith("-nd"):
            problems.append(field("year", "missing (use a key ending in -nd when unknown)"))
    elif not isinstance(year, int):
        problems.append(field("year", f"{year!r} is not a year"))
    elif not (str(key).endswith(str(year)) or str(key).endswith(f"{year}b")):
        problems.append(field("year", f"{year} differs from the year in the key"))
    doi, url = e.get("doi"), e.get("url")
    if doi and url:
        problems.append(field("url", "give a DOI or a url, not both (the link is ambiguous)"))
    if doi and not DOI.fullmatch(str(doi)):
        problems.append(field("doi", f"{doi!r} is not a DOI (10.NNNN/...)"))
    uncertain = e.get("uncertain")
    if url and not str(url).startswith("https://"):
        problems.append(field("url", "needs a DOI or an https:// url"))
    if url and SEARCH_ENGINE.match(str(url)):
        problems.append(
            field(
                "url",
                "goes to a search engine; link the record of the work itself, or give no url "
                "and say in 'uncertain' that no record was found",
            )
        )
    if not doi and not url and not uncertain:
        # A source with no record to link to is cited as plain text; its note says why.
        problems.append(field("url", "needs a DOI or an https:// url, or an 'uncertain' note"))
    if uncertain is not None and not (isinstance(uncertain, str) and uncertain):
        problems.append(field("uncertain", "must be a sentence saying what is not confirmed"))
    findings = e.get("findings")
    if findings is not None:
        if not isinstance(findings, dict):
            problems.append(field("findings", "must be a mapping"))
        else:
            for i, row in enumerate(findings.get("prevalence") or [], start=1):
                missing = [
                    f
                    for f in ("sex", "measure", "percent")
                    if not isinstance(row, dict) or f not in row
                ]
                if missing:
                    problems.append(
                        field(f"findings.prevalence[{i}]", f"needs {', '.join(missing)}")
                    )
    return problems


def bibliography_problems(path: Path) -> list[str]:
    data, problems = _read_yaml(path)
    if data is None:
        return problems
    for key, e in data.items():
        problems += bibliography_entry_problems(key, e, path.name)
    return problems


@functools.lru_cache(maxsize=4)
def parsed_bibliography(path: str, mtime_ns: int) -> tuple[dict | None, tuple[str, ...]]:
    """(entries or None, problems) of one version of a bibliography file: parsed once, for
    both this check and the citations (pcd.bibliography reads its entries from here)."""
    data, problems = _read_yaml(Path(path))
    if data is not None:
        for key, e in data.items():
            problems += bibliography_entry_problems(key, e, Path(path).name)
    return data, tuple(problems)


def current_bibliography_problems() -> list[str]:
    """Problems of the bibliography the notebooks read (cached until the file changes)."""
    from . import bibliography

    path = bibliography.path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return bibliography_problems(path)  # names the missing file
    return list(parsed_bibliography(str(path), mtime)[1])


def _usable_bibliography() -> dict | None:
    """The current bibliography's entries when it has no problems, else None."""
    from . import bibliography

    return None if current_bibliography_problems() else bibliography.entries()


# --------------------------------------------------------------------------- study data

PREVALENCE_COLUMNS = (
    "study_key",
    "population",
    "country",
    "sex",
    "n",
    "measure",
    "percent",
    "percent_high",
    "note",
)


def prevalence_problems(path: Path) -> list[str]:
    """data/prevalence.csv: well-formed rows, and the same figures as the bibliography's
    findings.prevalence (so a number is corrected in one place, never two)."""
    from .tools._data import ToolDataError
    from .tools.prevalence import SEXES, measures

    try:
        MEASURES = measures()  # noqa: N806 (the measures prevalence.yaml names)
    except ToolDataError as exc:
        return [f"{path.name}: cannot check the measures: {exc}"]

    text, problems = _read_text(path)
    if text is None:
        return problems
    label = path.name
    lines = list(csv.reader(text.splitlines()))
    if not lines or tuple(lines[0]) != PREVALENCE_COLUMNS:
        return [f"{label}: line 1: the columns must be {','.join(PREVALENCE_COLUMNS)}"]
    entries = _usable_bibliography()
    rows = {}
    for line, values in enumerate(lines[1:], start=2):
        where = f"{label}: line {line}"

        def field(name: str, text: str, where=where) -> str:
            return f"{where}: field '{name}': {text}"

        if not values:
            continue  # a blank line
        if len(values) != len(PREVALENCE_COLUMNS):
            problems.append(
                f"{where}: has {len(values)} columns, not {len(PREVALENCE_COLUMNS)} "
                "(a comma inside a value needs quotes)"
            )
            continue
        row = dict(zip(PREVALENCE_COLUMNS, values, strict=True))
        if entries is not None and row["study_key"] not in entries:
            problems.append(field("study_key", f"{row['study_key']!r} is not in bibliography.yaml"))
        if row["measure"] not in MEASURES:
            problems.append(
                field("measure", f"{row['measure']!r} is not one of {', '.join(MEASURES)}")
            )
        if row["sex"] not in SEXES:
            problems.append(field("sex", f"{row['sex']!r} is not one of {', '.join(SEXES)}"))
        numbers = {}
        for name, cast in (("n", int), ("percent", float), ("percent_high", float)):
            value = row[name].strip()
            if not value:
                numbers[name] = None
                continue
            try:
                numbers[name] = cast(value)
            except ValueError:
                kind = "a whole number" if cast is int else "a number"
                problems.append(field(name, f"{value!r} is not {kind}"))
        if "percent" not in numbers:
            continue  # not a number: reported above
        if numbers["percent"] is None:
            problems.append(field("percent", "missing"))
            continue
        if numbers.get("n") is not None and numbers["n"] <= 0:
            problems.append(field("n", "must be a positive sample size"))
        if not 0 <= numbers["percent"] <= 100:
            problems.append(field("percent", f"{numbers['percent']:g} is not between 0 and 100"))
        high = numbers.get("percent_high")
        if high is not None and not numbers["percent"] < high <= 100:
            problems.append(field("percent_high", "must be above percent and at most 100"))
        ident = (row["study_key"], row["sex"], row["measure"])
        if ident in rows:
            problems.append(f"{where}: the same study, sex and measure as line {rows[ident][0]}")
        rows[ident] = (line, numbers)
    if entries is not None:
        problems += _prevalence_against_findings(label, rows, entries)
    return problems


def _prevalence_against_findings(label: str, rows: dict, entries: dict) -> list[str]:
    findings = {}
    for key, e in entries.items():
        for f in (e.get("findings") or {}).get("prevalence") or []:
            findings[(key, f["sex"], f["measure"])] = f
    problems = []
    for ident in sorted(set(rows) - set(findings)):
        problems.append(
            f"{label}: line {rows[ident][0]}: {'/'.join(ident)} is not in the bibliography's "
            f"findings.prevalence of entry '{ident[0]}' (add it there too)"
        )
    for ident in sorted(set(findings) - set(rows)):
        problems.append(
            f"{label}: no line for {'/'.join(ident)}, which bibliography.yaml entry "
            f"'{ident[0]}' lists in findings.prevalence"
        )
    for ident in sorted(set(rows) & set(findings)):
        line, numbers = rows[ident]
        f = findings[ident]
        wanted = {
            "n": f.get("n"),
            "percent": float(f["percent"]),
            "percent_high": float(f["percent_high"]) if f.get("percent_high") is not None else None,
        }
        for name, value in wanted.items():
            if numbers.get(name) != value:
                problems.append(
                    f"{label}: line {line}: field '{name}': {numbers.get(name)} here but "
                    f"{value} in bibliography.yaml entry '{ident[0]}' findings.prevalence"
                )
    return problems


# --------------------------------------------------------------------------- banks


def bank_problems(path: Path) -> list[str]:
    """An exercise bank, checked by the engine's loader against the bibliography's keys."""
    from selfcheck import BankError, load_bank

    entries = _usable_bibliography()
    try:
        load_bank(path, known_refs=None if entries is None else set(entries))
    except BankError as exc:
        return [str(exc)]
    return []


# --------------------------------------------------------------------------- tools


def tool_data_problems(path: Path) -> list[str]:
    """A tool's words (data/tools/<tool>.yaml), checked as the tool reads it: every field, every
    {name} in a template, every bibliography key and finding it points to."""
    from .tools import data_problems

    return data_problems(path)


# --------------------------------------------------------------------------- help services


def help_problems(path: Path) -> list[str]:
    """data/help.yaml: the help services every notebook shows (pcd/help.py checks it)."""
    from .help import HelpFileError, load

    try:
        load(path)
    except HelpFileError as exc:
        return [str(exc)]
    return []


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class ContentFile:
    pattern: str  # relative to the content folder; a glob for a family of files
    check: Callable[[Path], list[str]]
    what: str  # in words, for messages


CONTENT_FILES: tuple[ContentFile, ...] = (
    ContentFile("data/bibliography.yaml", bibliography_problems, "the sources"),
    ContentFile("data/prevalence.csv", prevalence_problems, "published prevalence figures"),
    ContentFile("banks/*.yaml", bank_problems, "an exercise bank"),
    ContentFile("data/tools/*.yaml", tool_data_problems, "a tool's words and labels"),
    ContentFile("data/help.yaml", help_problems, "the help services"),
)


def content_files(folder: Path | None = None) -> Iterator[tuple[ContentFile, Path]]:
    """Every content file the notebooks read, with its entry in the registry. A single file
    that is missing is still listed, so its check reports it."""
    folder = Path(folder) if folder is not None else content.content_dir()
    for entry in CONTENT_FILES:
        if any(ch in entry.pattern for ch in "*?["):
            matches = sorted(folder.glob(entry.pattern))
            if not matches:
                yield entry, folder / entry.pattern
            yield from ((entry, p) for p in matches)
        else:
            yield entry, folder / entry.pattern


def entry_for(path: Path, folder: Path | None = None) -> ContentFile:
    """The registry entry that checks `path` (by where it sits, else by its name), banks by
    default: `python -m pcd check my-copy.yaml` checks a bank."""
    path = Path(path)
    folder = Path(folder) if folder is not None else content.content_dir()
    for entry in CONTENT_FILES:
        try:
            relative = path.resolve().relative_to(folder.resolve())
        except ValueError:
            relative = None
        if relative is not None and relative.match(entry.pattern):
            return entry
    for entry in CONTENT_FILES:
        if not any(ch in entry.pattern for ch in "*?[") and Path(entry.pattern).name == path.name:
            return entry
    return next(e for e in CONTENT_FILES if e.pattern.startswith("banks/"))
