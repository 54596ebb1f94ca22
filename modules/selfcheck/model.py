"""Question types as frozen dataclasses, and ``load_bank`` which builds them from YAML.

Loading is strict and kind: every problem in a bank raises ``BankError`` with a message that
names the file, the exercise, the field and what was expected, so an educator can fix a bank
without reading Python. ``yaml`` and ``jsonschema`` are imported only when a bank is loaded,
which keeps ``import selfcheck`` cheap.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


class BankError(ValueError):
    """An exercise bank is invalid; the message says where and what was expected."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, kw_only=True)
class Option:
    id: str
    text: str
    explanation: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True, kw_only=True)
class MatchItem:
    id: str
    text: str
    answer: str
    explanation: str = ""
    cite: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Tolerance:
    kind: str  # "absolute" or "relative"
    value: float

    def width(self, answer: float) -> float:
        """The largest distance from ``answer`` that still counts as right."""
        return self.value if self.kind == "absolute" else abs(answer) * self.value


@dataclass(frozen=True, kw_only=True)
class Question:
    type: ClassVar[str] = ""
    id: str
    prompt: str = ""
    hint: str = ""
    cite: tuple[str, ...] = ()

    @property
    def gradable(self) -> bool:
        return True


@dataclass(frozen=True, kw_only=True)
class SingleChoice(Question):
    type: ClassVar[str] = "single"
    options: tuple[Option, ...]
    answer: str


@dataclass(frozen=True, kw_only=True)
class MultiChoice(Question):
    type: ClassVar[str] = "multi"
    options: tuple[Option, ...]
    answer: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    type: ClassVar[str] = "truefalse"
    statement: str
    answer: bool
    style: str = "true-false"  # or "myth-fact"
    explanation: str = ""


@dataclass(frozen=True, kw_only=True)
class Numeric(Question):
    type: ClassVar[str] = "numeric"
    min: float
    max: float
    answer: float
    tolerance: Tolerance
    source: str
    input: str = "box"  # or "slider" (see README: the slider handle has no accessible name)
    step: float = 1
    unit: str = ""
    interval: tuple[float, float] | None = None
    explanation: str = ""


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    type: ClassVar[str] = "matching"
    categories: tuple[Category, ...]
    items: tuple[MatchItem, ...]


@dataclass(frozen=True, kw_only=True)
class Reflection(Question):
    type: ClassVar[str] = "reflection"
    placeholder: str = ""
    consider: str = ""

    @property
    def gradable(self) -> bool:
        return False


QUESTION_CLASSES = {
    cls.type: cls for cls in (SingleChoice, MultiChoice, TrueFalse, Numeric, Matching, Reflection)
}


@dataclass(frozen=True)
class Bank:
    name: str
    title: str
    exercises: tuple[Question, ...]
    reveal_after: int = 2
    path: str = ""

    def __getitem__(self, exercise_id: str) -> Question:
        for question in self.exercises:
            if question.id == exercise_id:
                return question
        known = ", ".join(q.id for q in self.exercises)
        raise BankError(
            f"{Path(self.path).name or self.name}: no exercise '{exercise_id}'; "
            f"the bank has: {known}"
        )

    def __contains__(self, exercise_id: object) -> bool:
        return any(q.id == exercise_id for q in self.exercises)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.exercises)

    def cite_keys(self) -> tuple[str, ...]:
        """Every bibliography key the bank cites, in order of first use."""
        return tuple(dict.fromkeys(key for q in self.exercises for _, key in _citations(q)))


def _citations(question: Question) -> Iterator[tuple[str, str]]:
    """(field, key) for every citation key in ``question``."""
    for key in question.cite:
        yield "cite", key
    for option in getattr(question, "options", ()):
        for key in option.cite:
            yield f"options[{option.id}].cite", key
    for item in getattr(question, "items", ()):
        for key in item.cite:
            yield f"items[{item.id}].cite", key
    if isinstance(question, Numeric):
        yield "source", question.source


# --------------------------------------------------------------------------- loading

_CACHE: dict[tuple, Bank] = {}


def load_bank(path, known_refs=None) -> Bank:
    """Load and validate the bank at ``path``; cached by path and modification time.

    ``known_refs``: when given, every citation key (``cite``, option and item ``cite``,
    numeric ``source``) must be one of them.
    """
    path = Path(path)
    label = path.name
    try:
        stat = path.stat()
    except OSError as exc:
        raise BankError(f"{label}: cannot open the bank file ({exc.strerror or exc})") from None
    refs = None if known_refs is None else frozenset(known_refs)
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, refs)
    if key in _CACHE:
        return _CACHE[key]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BankError(f"{label}: cannot read the bank file ({exc.strerror or exc})") from None
    bank = parse_bank(raw, label, refs)
    bank = Bank(bank.name, bank.title, bank.exercises, bank.reveal_after, str(path))
    _CACHE[key] = bank
    return bank


def parse_bank(source: bytes | str, label: str, known_refs=None) -> Bank:
    """Validate bank text ``source``; ``label`` is the file name used in messages."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = source[: exc.start].count(b"\n") + 1
            raise BankError(
                f"{label}: the file is not valid UTF-8 text (byte 0x{source[exc.start]:02x} "
                f"at line {line}); save it with UTF-8 encoding"
            ) from None
    data = _parse_yaml(source, label)
    try:
        return _build_bank(data, label, known_refs)
    except RecursionError:
        raise BankError(f"{label}: the file nests too deeply (a YAML alias loop?)") from None


def _parse_yaml(text: str, label: str):
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except _DuplicateKey as exc:
        raise BankError(
            f"{label}: YAML syntax error at line {exc.line}: the key '{exc.key}' appears twice "
            "in the same mapping"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise BankError(f"{label}: YAML syntax error{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise BankError(f"{label}: YAML syntax error: {exc}") from None
    except RecursionError:
        raise BankError(f"{label}: YAML syntax error: the file nests too deeply") from None


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        super().__init__(key, line)
        self.key, self.line = key, line


_LOADER = None


def _loader():
    """A safe YAML loader that refuses duplicate keys (PyYAML silently keeps the last one)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        # libyaml's parser (shipped in PyYAML's wheels) is ~10x faster than the pure-Python one.
        class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            def construct_mapping(self, node, deep=False):
                if isinstance(node, yaml.MappingNode):
                    self.flatten_mapping(node)
                    seen = set()
                    for key_node, _ in node.value:
                        key = self.construct_object(key_node, deep=deep)
                        try:
                            duplicate = key in seen
                            seen.add(key)
                        except TypeError:  # unhashable key: the base class reports it
                            continue
                        if duplicate:
                            raise _DuplicateKey(key, key_node.start_mark.line + 1)
                return super().construct_mapping(node, deep=deep)

        _LOADER = Loader
    return _LOADER


# --------------------------------------------------------------------------- validation


def _build_bank(data, label: str, known_refs) -> Bank:
    from . import schema

    if data is None:
        raise BankError(f"{label}: the file is empty; expected the fields bank, title, exercises")
    if not isinstance(data, dict):
        raise BankError(
            f"{label}: expected a mapping with the fields bank, title and exercises at the top "
            f"level, got {_describe(data)}"
        )
    _validate(data, schema.BANK_TOP, lambda field, msg: f"{label}: field '{field}': {msg}")

    stem = label[:-5] if label.endswith(".yaml") else label.rsplit(".", 1)[0]
    if data["bank"] != stem:
        raise BankError(
            f"{label}: field 'bank': '{data['bank']}' does not match the file name; "
            f"expected '{stem}'"
        )

    exercises = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(data["exercises"], start=1):
        who = f"exercise '{raw['id']}'" if isinstance(raw.get("id"), str) else f"exercise #{number}"

        def fail(field, msg, who=who):
            return f"{label}: {who}: field '{field}': {msg}"

        _validate(raw, schema.EXERCISE_BASE, fail)
        _validate(raw, schema.DEFS[raw["type"]], fail)
        question = _build_question(raw, lambda field, msg, fail=fail: BankError(fail(field, msg)))
        if question.id in first_seen:
            raise BankError(
                fail(
                    "id",
                    f"'{question.id}' is already used by exercise "
                    f"#{first_seen[question.id]}; ids must be unique in a bank",
                )
            )
        first_seen[question.id] = number
        if known_refs is not None:
            for field, key in _citations(question):
                if key not in known_refs:
                    raise BankError(
                        fail(field, f"unknown reference key '{key}'{_suggest(key, known_refs)}")
                    )
        exercises.append(question)

    return Bank(
        name=data["bank"],
        title=data["title"].strip(),
        exercises=tuple(exercises),
        reveal_after=data.get("reveal_after", 2),
    )


def _build_question(raw: dict, error) -> Question:
    """The dataclass for a schema-valid exercise ``raw``; cross-field checks raise ``error``."""
    kind = raw["type"]
    common = dict(
        id=raw["id"],
        prompt=raw.get("prompt", ""),
        hint=raw.get("hint", ""),
        cite=tuple(raw.get("cite", ())),
    )
    if kind in ("single", "multi"):
        options = tuple(
            Option(
                id=o["id"],
                text=o["text"],
                explanation=o.get("explanation", ""),
                cite=tuple(o.get("cite", ())),
            )
            for o in raw["options"]
        )
        _unique("options", "option id", [o.id for o in options], error)
        _unique("options", "option text", [o.text.strip() for o in options], error)
        ids = [o.id for o in options]
        answers = [raw["answer"]] if kind == "single" else raw["answer"]
        for answer in answers:
            if answer not in ids:
                raise error("answer", f"'{answer}' is not one of the options {', '.join(ids)}")
        if kind == "single":
            return SingleChoice(options=options, answer=raw["answer"], **common)
        return MultiChoice(options=options, answer=frozenset(raw["answer"]), **common)

    if kind == "truefalse":
        return TrueFalse(
            statement=raw["statement"],
            answer=raw["answer"],
            style=raw.get("style", "true-false"),
            explanation=raw.get("explanation", ""),
            **common,
        )

    if kind == "numeric":
        for field in ("min", "max", "answer", "step"):
            if field in raw and not math.isfinite(raw[field]):
                raise error(field, f"expected a finite number, got {raw[field]}")
        low, high, answer = raw["min"], raw["max"], raw["answer"]
        if low >= high:
            raise error("max", f"must be greater than min ({_num(low)}), got {_num(high)}")
        if not low <= answer <= high:
            raise error(
                "answer", f"{_num(answer)} is outside min..max ({_num(low)} to {_num(high)})"
            )
        ((kind_, value),) = raw["tolerance"].items()
        if not math.isfinite(value):
            raise error(f"tolerance.{kind_}", f"expected a finite number, got {value}")
        interval = raw.get("interval")
        if interval is not None:
            a, b = interval
            if not (math.isfinite(a) and math.isfinite(b)):
                raise error("interval", "expected two finite numbers [low, high]")
            if a > b:
                raise error(
                    "interval", f"low ({_num(a)}) must not be greater than high ({_num(b)})"
                )
            if not a <= answer <= b:
                raise error(
                    "interval", f"[{_num(a)}, {_num(b)}] does not contain the answer {_num(answer)}"
                )
            interval = (a, b)
        step = raw.get("step")
        if step is None:
            step = (
                1 if all(float(v).is_integer() for v in (low, high, answer)) else (high - low) / 100
            )
        if step > high - low:
            raise error(
                "step", f"{_num(step)} is larger than the range {_num(low)} to {_num(high)}"
            )
        return Numeric(
            min=low,
            max=high,
            answer=answer,
            step=step,
            tolerance=Tolerance(kind=kind_, value=value),
            source=raw["source"],
            input=raw.get("input", "box"),
            unit=raw.get("unit", ""),
            interval=interval,
            explanation=raw.get("explanation", ""),
            **common,
        )

    if kind == "matching":
        categories = tuple(Category(id=c["id"], label=c["label"]) for c in raw["categories"])
        items = tuple(
            MatchItem(
                id=i["id"],
                text=i["text"],
                answer=i["answer"],
                explanation=i.get("explanation", ""),
                cite=tuple(i.get("cite", ())),
            )
            for i in raw["items"]
        )
        _unique("categories", "category id", [c.id for c in categories], error)
        _unique("categories", "category label", [c.label.strip() for c in categories], error)
        _unique("items", "item id", [i.id for i in items], error)
        _unique("items", "item text", [i.text.strip() for i in items], error)
        ids = [c.id for c in categories]
        for item in items:
            if item.answer not in ids:
                raise error(
                    f"items[{item.id}].answer",
                    f"'{item.answer}' is not one of the categories {', '.join(ids)}",
                )
        return Matching(categories=categories, items=items, **common)

    return Reflection(
        placeholder=raw.get("placeholder", ""), consider=raw.get("consider", ""), **common
    )


def _unique(field: str, what: str, values: list[str], error) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise error(field, f"{what} '{value}' appears more than once")
        seen.add(value)


def _suggest(word, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _num(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------- schema errors

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "nothing",
}


def _describe(value) -> str:
    """A plain-language description of a YAML value, for error messages."""
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, bool):
        return f"true or false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value:g})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{shown}')" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    return f"a {type(value).__name__} ({value})"


def _field_path(root, path) -> str:
    """'options[b].text' for a path into ``root``; list entries by id, else by #position."""
    parts, node = [], root
    for step in path:
        if isinstance(step, int) and isinstance(node, list):
            entry = node[step]
            ident = entry.get("id") if isinstance(entry, dict) else None
            parts.append(f"[{ident}]" if isinstance(ident, str) else f"[#{step + 1}]")
        else:
            parts.append(("." if parts else "") + str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts)


_VALIDATORS: dict[int, object] = {}


# Optional libraries jsonschema imports at import time for its ``format`` checkers.
_FORMAT_LIBRARIES = (
    "rfc3987_syntax",
    "rfc3987",
    "rfc3986_validator",
    "rfc3339_validator",
    "isoduration",
    "uri_template",
    "webcolors",
    "jsonpointer",
    "fqdn",
    "idna",
)


def _import_jsonschema():
    """Import jsonschema without its optional format-checker libraries.

    jsonschema imports them (when installed, as they are next to JupyterLab) at import time:
    ``rfc3987_syntax`` builds a grammar (1-5 s here) and ``isoduration`` pulls in ``arrow``
    (~50 ms). That would delay the first exercise of every notebook. Banks use no ``format``
    keyword, so none of the checkers is ever needed. Blocking is temporary: a later
    ``import isoduration`` elsewhere still works.
    """
    if "jsonschema" not in sys.modules:
        blocked = [name for name in _FORMAT_LIBRARIES if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # makes `import name` fail fast
        try:
            import jsonschema  # noqa: F401
        finally:
            for name in blocked:
                del sys.modules[name]
    import jsonschema

    return jsonschema


def _validate(instance, schema: dict, fail) -> None:
    """Raise ``BankError(fail(field, message))`` for the most relevant schema error."""
    jsonschema = _import_jsonschema()
    from jsonschema.exceptions import best_match

    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        validator = _VALIDATORS[id(schema)] = jsonschema.Draft202012Validator(schema)
    error = best_match(validator.iter_errors(instance))
    if error is None:
        return
    field, message = _explain(error, instance)
    raise BankError(fail(field or "(top level)", message))


def _explain(error, root) -> tuple[str, str]:
    """(field path, plain-language message) for a jsonschema ``error``."""
    path = list(error.absolute_path)
    field = _field_path(root, path)
    value, kind, expected = error.instance, error.validator, error.validator_value

    def join(more):
        return f"{field}.{more}" if field else str(more)

    if kind == "required":
        missing = next(name for name in expected if name not in value)
        return join(missing), "is missing (required)"
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = next(k for k in value if k not in allowed)
        return join(extra), (
            f"unknown field{_suggest(extra, allowed)} (allowed: {', '.join(allowed)})"
        )
    if kind == "type":
        words = expected if isinstance(expected, list) else [expected]
        msg = f"expected {' or '.join(_TYPE_WORDS[w] for w in words)}, got {_describe(value)}"
        if "string" in words and isinstance(value, (bool, int, float)) and value is not None:
            msg += "; put it in quotes if you meant text"
        return field, msg
    if kind == "enum":
        if path and path[-1] == "type":
            return field, (
                f"unknown question type {_describe(value)}; expected one of {', '.join(expected)}"
            )
        return field, f"got {_describe(value)}; expected one of {', '.join(map(str, expected))}"
    if kind == "pattern":
        if expected == r"\S":
            return field, "must not be empty"
        return field, (
            f"'{value}' is not a valid id; use lowercase letters, digits and hyphens "
            "(like 'my-answer-2')"
        )
    if kind == "minLength":
        return field, "must not be empty"
    if kind == "minItems":
        if not value:
            return field, f"must not be empty; expected at least {expected} entries"
        return field, f"expected at least {expected} entries, got {len(value)}"
    if kind == "maxItems":
        if path and path[-1] == "interval":
            return field, f"expected exactly two numbers [low, high], got {len(value)}"
        return field, f"expected at most {expected} entries, got {len(value)}"
    if kind == "uniqueItems":
        seen = []
        for entry in value:
            if entry in seen:
                return field, f"'{entry}' appears more than once"
            seen.append(entry)
    if kind == "minimum":
        return field, f"must be {expected} or more, got {_num(value)}"
    if kind == "exclusiveMinimum":
        return field, f"must be greater than {expected}, got {_num(value)}"
    if kind in ("minProperties", "maxProperties"):
        names = list(error.schema.get("properties", {}))
        return field, f"expected exactly one of {' or '.join(names)}"
    return field, error.message
