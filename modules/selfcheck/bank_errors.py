"""The wording of bank errors: jsonschema errors in plain language, for educators.

Every message names the field and says what was expected, in words a person who has never
seen JSON Schema understands. ``jsonschema`` is imported only when a bank is validated.
"""

from __future__ import annotations

import sys

from .model import BankError


def suggest(word, choices) -> str:
    """ "; did you mean 'x'?" for the choice closest to ``word``, or ""."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def num(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "nothing",
}


def describe(value) -> str:
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


def validate(instance, schema: dict, fail) -> None:
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
            f"unknown field{suggest(extra, allowed)} (allowed: {', '.join(allowed)})"
        )
    if kind == "type":
        words = expected if isinstance(expected, list) else [expected]
        msg = f"expected {' or '.join(_TYPE_WORDS[w] for w in words)}, got {describe(value)}"
        if "string" in words and isinstance(value, (bool, int, float)) and value is not None:
            msg += "; put it in quotes if you meant text"
        return field, msg
    if kind == "enum":
        if path and path[-1] == "type":
            return field, (
                f"unknown question type {describe(value)}; expected one of {', '.join(expected)}"
            )
        return field, f"got {describe(value)}; expected one of {', '.join(map(str, expected))}"
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
        return field, f"must be {expected} or more, got {num(value)}"
    if kind == "exclusiveMinimum":
        return field, f"must be greater than {expected}, got {num(value)}"
    if kind in ("minProperties", "maxProperties"):
        names = list(error.schema.get("properties", {}))
        return field, f"expected exactly one of {' or '.join(names)}"
    return field, error.message
