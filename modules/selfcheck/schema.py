"""JSON Schema of an exercise bank (see CONTRIBUTING.md, "Exercise banks").

The schema checks shapes and types; checks that relate two fields (an answer must be one of
the options, ids must be unique, an interval must contain the answer) live in ``loading.py``
because JSON Schema cannot express them with a readable error.
"""

from __future__ import annotations

QUESTION_TYPES = ("single", "multi", "truefalse", "numeric", "matching", "reflection")

_ID = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_KEYS = {"type": "array", "items": _TEXT, "minItems": 1}
_NUMBER = {"type": "number"}

# Fields every exercise may carry.
_COMMON = {
    "id": _ID,
    "type": {"enum": list(QUESTION_TYPES)},
    "prompt": _TEXT,
    "hint": _TEXT,
    "cite": _KEYS,
}


def _exercise(required: list[str], **fields) -> dict:
    return {
        "type": "object",
        "required": ["id", "type", *required],
        "properties": {**_COMMON, **fields},
        "additionalProperties": False,
    }


_OPTION = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {"id": _ID, "text": _TEXT, "explanation": _TEXT, "cite": _KEYS},
    "additionalProperties": False,
}
_OPTIONS = {"type": "array", "items": _OPTION, "minItems": 2}

DEFS = {
    "single": _exercise(["prompt", "options", "answer"], options=_OPTIONS, answer=_ID),
    "multi": _exercise(
        ["prompt", "options", "answer"],
        options=_OPTIONS,
        answer={"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True},
    ),
    "truefalse": _exercise(
        ["statement", "answer"],
        statement=_TEXT,
        answer={"type": "boolean"},
        style={"enum": ["true-false", "myth-fact"]},
        explanation=_TEXT,
    ),
    "numeric": _exercise(
        ["prompt", "min", "max", "answer", "tolerance", "source"],
        input={"enum": ["slider", "box"]},
        min=_NUMBER,
        max=_NUMBER,
        step={"type": "number", "exclusiveMinimum": 0},
        unit={"type": "string"},
        answer=_NUMBER,
        tolerance={
            "type": "object",
            "properties": {
                "absolute": {"type": "number", "minimum": 0},
                "relative": {"type": "number", "minimum": 0},
            },
            "additionalProperties": False,
            "minProperties": 1,
            "maxProperties": 1,
        },
        interval={"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2},
        source=_TEXT,
        explanation=_TEXT,
    ),
    "matching": _exercise(
        ["prompt", "categories", "items"],
        categories={
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["id", "label"],
                "properties": {"id": _ID, "label": _TEXT},
                "additionalProperties": False,
            },
        },
        items={
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "text", "answer"],
                "properties": {
                    "id": _ID,
                    "text": _TEXT,
                    "answer": _ID,
                    "explanation": _TEXT,
                    "cite": _KEYS,
                },
                "additionalProperties": False,
            },
        },
    ),
    "reflection": _exercise(["prompt"], placeholder=_TEXT, consider=_TEXT),
}

# What every exercise must have before its type-specific schema is chosen.
EXERCISE_BASE = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {"id": _ID, "type": _COMMON["type"]},
}

BANK_TOP = {
    "type": "object",
    "required": ["bank", "title", "exercises"],
    "properties": {
        "bank": _TEXT,
        "title": _TEXT,
        "reveal_after": {"type": "integer", "minimum": 0},
        "exercises": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    },
    "additionalProperties": False,
}

# The whole bank as one schema (for editors and external tools); the loader validates the same
# pieces step by step so each error can name its exercise.
BANK_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "selfcheck exercise bank",
    **BANK_TOP,
    "properties": {
        **BANK_TOP["properties"],
        "exercises": {
            "type": "array",
            "minItems": 1,
            "items": {
                "allOf": [
                    EXERCISE_BASE,
                    *(
                        {"if": {"properties": {"type": {"const": name}}}, "then": schema}
                        for name, schema in DEFS.items()
                    ),
                ]
            },
        },
    },
}


def write_published(path=None) -> None:
    """Write ``BANK_SCHEMA`` to bank.schema.json: ``python -m selfcheck.schema``."""
    import json
    from pathlib import Path

    path = Path(path) if path else Path(__file__).with_name("bank.schema.json")
    path.write_text(json.dumps(BANK_SCHEMA, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    write_published()
