"""``load_bank``: build a ``Bank`` from YAML, strictly and kindly, with a cache.

Every problem in a bank raises ``BankError`` with a message that names the file, the exercise,
the field and what was expected, so an educator can fix a bank without reading Python.
``yaml`` and ``jsonschema`` are imported only when a bank is loaded, which keeps
``import selfcheck`` cheap. ``_BUILDERS`` holds one builder per question class.

``checked``: the digests (``bank_digest``) of bank texts that already passed every check with
this engine's rules. Such a text skips the schema check (and importing jsonschema, about 30 ms
of every notebook); any other text, an educator's edit included, is checked in full. The
checks that relate fields and the citation keys always run.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Collection, Iterable
from pathlib import Path

from .bank_errors import describe, num, suggest, validate
from .model import (
    QUESTION_CLASSES,
    Bank,
    BankError,
    Category,
    Matching,
    MatchItem,
    MultiChoice,
    Numeric,
    Option,
    Question,
    Reflection,
    SingleChoice,
    Tolerance,
    TrueFalse,
    _citations,
)

_CACHE: dict[tuple, Bank] = {}


# The files that say what a valid bank is: a digest made with other versions of them is void.
_RULES = ("schema.py", "loading.py", "bank_errors.py", "model.py")


@functools.cache
def _rules_digest() -> bytes:
    h = hashlib.sha256()
    try:
        for name in _RULES:
            h.update((Path(__file__).parent / name).read_bytes())
    except OSError:  # rules that cannot be read cannot vouch for anything: no digest matches
        return b"unreadable rules"
    return h.digest()


def bank_digest(source: bytes | str) -> str:
    """The digest of a bank's text under this engine's rules (see ``checked`` above)."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    return hashlib.sha256(_rules_digest() + source).hexdigest()


def load_bank(
    path: str | Path,
    known_refs: Iterable[str] | None = None,
    checked: Collection[str] = (),
) -> Bank:
    """Load and validate the bank at ``path``; cached by path and modification time.

    ``known_refs``: when given, every citation key (``cite``, option and item ``cite``,
    numeric ``source``) must be one of them. ``checked``: see the module's docstring.
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
    bank = parse_bank(raw, label, refs, checked)
    bank = Bank(bank.name, bank.title, bank.exercises, bank.reveal_after, str(path))
    _CACHE[key] = bank
    return bank


def parse_bank(
    source: bytes | str,
    label: str,
    known_refs: Iterable[str] | None = None,
    checked: Collection[str] = (),
) -> Bank:
    """Validate bank text ``source``; ``label`` is the file name used in messages."""
    schema_checked = bool(checked) and bank_digest(source) in checked
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
        return _build_bank(data, label, known_refs, schema_checked)
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


def _no_check(*_args) -> None:
    return None


def _build_bank(data, label: str, known_refs, schema_checked: bool = False) -> Bank:
    from . import schema

    # This very text passed the schema check before, with these rules: no need to repeat it.
    check = _no_check if schema_checked else validate

    if data is None:
        raise BankError(f"{label}: the file is empty; expected the fields bank, title, exercises")
    if not isinstance(data, dict):
        raise BankError(
            f"{label}: expected a mapping with the fields bank, title and exercises at the top "
            f"level, got {describe(data)}"
        )
    check(data, schema.BANK_TOP, lambda field, msg: f"{label}: field '{field}': {msg}")

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

        check(raw, schema.EXERCISE_BASE, fail)
        check(raw, schema.DEFS[raw["type"]], fail)
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
                        fail(field, f"unknown reference key '{key}'{suggest(key, known_refs)}")
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
    cls = QUESTION_CLASSES[raw["type"]]
    common = dict(
        id=raw["id"],
        prompt=raw.get("prompt", ""),
        hint=raw.get("hint", ""),
        cite=tuple(raw.get("cite", ())),
    )
    return _BUILDERS[cls](raw, common, error)


def _options(raw: dict, error) -> tuple[Option, ...]:
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
    answers = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
    for answer in answers:
        if answer not in ids:
            raise error("answer", f"'{answer}' is not one of the options {', '.join(ids)}")
    return options


def _single(raw: dict, common: dict, error) -> SingleChoice:
    return SingleChoice(options=_options(raw, error), answer=raw["answer"], **common)


def _multi(raw: dict, common: dict, error) -> MultiChoice:
    return MultiChoice(options=_options(raw, error), answer=frozenset(raw["answer"]), **common)


def _truefalse(raw: dict, common: dict, error) -> TrueFalse:
    return TrueFalse(
        statement=raw["statement"],
        answer=raw["answer"],
        style=raw.get("style", "true-false"),
        explanation=raw.get("explanation", ""),
        **common,
    )


def _numeric(raw: dict, common: dict, error) -> Numeric:
    for field in ("min", "max", "answer", "step"):
        if field in raw and not math.isfinite(raw[field]):
            raise error(field, f"expected a finite number, got {raw[field]}")
    low, high, answer = raw["min"], raw["max"], raw["answer"]
    if low >= high:
        raise error("max", f"must be greater than min ({num(low)}), got {num(high)}")
    if not low <= answer <= high:
        raise error("answer", f"{num(answer)} is outside min..max ({num(low)} to {num(high)})")
    ((kind, value),) = raw["tolerance"].items()
    if not math.isfinite(value):
        raise error(f"tolerance.{kind}", f"expected a finite number, got {value}")
    interval = raw.get("interval")
    if interval is not None:
        a, b = interval
        if not (math.isfinite(a) and math.isfinite(b)):
            raise error("interval", "expected two finite numbers [low, high]")
        if a > b:
            raise error("interval", f"low ({num(a)}) must not be greater than high ({num(b)})")
        if not a <= answer <= b:
            raise error(
                "interval", f"[{num(a)}, {num(b)}] does not contain the answer {num(answer)}"
            )
        interval = (a, b)
    step = raw.get("step")
    if step is None:
        step = 1 if all(float(v).is_integer() for v in (low, high, answer)) else (high - low) / 100
    if step > high - low:
        raise error("step", f"{num(step)} is larger than the range {num(low)} to {num(high)}")
    return Numeric(
        min=low,
        max=high,
        answer=answer,
        step=step,
        tolerance=Tolerance(kind=kind, value=value),
        source=raw["source"],
        input=raw.get("input", "box"),
        unit=raw.get("unit", ""),
        interval=interval,
        explanation=raw.get("explanation", ""),
        **common,
    )


def _matching(raw: dict, common: dict, error) -> Matching:
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


def _reflection(raw: dict, common: dict, error) -> Reflection:
    return Reflection(
        placeholder=raw.get("placeholder", ""), consider=raw.get("consider", ""), **common
    )


_BUILDERS = {
    SingleChoice: _single,
    MultiChoice: _multi,
    TrueFalse: _truefalse,
    Numeric: _numeric,
    Matching: _matching,
    Reflection: _reflection,
}


def _unique(field: str, what: str, values: list[str], error) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise error(field, f"{what} '{value}' appears more than once")
        seen.add(value)
