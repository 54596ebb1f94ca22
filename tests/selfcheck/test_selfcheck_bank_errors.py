"""A catalogue of malformed banks: each must raise BankError with a message an educator can act on
(file, exercise, field, what was expected)."""

from __future__ import annotations

import copy

import pytest
import selfcheck
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selfcheck import BankError, load_bank

BASE = yaml.safe_load(
    """
bank: topic
title: A topic
exercises:
  - id: one
    type: single
    prompt: Pick one.
    options:
      - {id: a, text: Alpha, explanation: Yes.}
      - {id: b, text: Beta, explanation: No.}
      - {id: c, text: Gamma}
    answer: a
    cite: [known2020]
  - id: many
    type: multi
    prompt: Pick some.
    options:
      - {id: a, text: Alpha}
      - {id: b, text: Beta}
    answer: [a]
  - id: tf
    type: truefalse
    statement: Water is wet.
    answer: true
  - id: guess
    type: numeric
    prompt: Guess.
    min: 0
    max: 100
    answer: 46
    tolerance: {absolute: 10}
    interval: [39.6, 52.5]
    source: known2020
  - id: match
    type: matching
    prompt: Match.
    categories:
      - {id: x, label: Ex}
      - {id: y, label: Why}
    items:
      - {id: i1, text: First, answer: x}
      - {id: i2, text: Second, answer: y}
  - id: think
    type: reflection
    prompt: Think.
"""
)
KNOWN = {"known2020", "other2019"}


def ex(data, exercise_id):
    return next(e for e in data["exercises"] if e.get("id") == exercise_id)


def setter(exercise_id, field, value):
    def mutate(data):
        ex(data, exercise_id)[field] = value

    return mutate


def deleter(exercise_id, field):
    def mutate(data):
        del ex(data, exercise_id)[field]

    return mutate


def write(tmp_path, data, name="topic.yaml"):
    path = tmp_path / name
    text = (
        data
        if isinstance(data, (str, bytes))
        else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_base_bank_is_valid(tmp_path):
    bank = load_bank(write(tmp_path, BASE), known_refs=KNOWN)
    assert bank.ids == ("one", "many", "tf", "guess", "match", "think")


def _dup_exercise(data):
    data["exercises"].append(copy.deepcopy(ex(data, "tf")))


def _top(field, value):
    def mutate(data):
        data[field] = value

    return mutate


def _top_del(field):
    def mutate(data):
        del data[field]

    return mutate


def _option(exercise_id, index, field, value):
    def mutate(data):
        ex(data, exercise_id)["options"][index][field] = value

    return mutate


def _item(index, field, value):
    def mutate(data):
        ex(data, "match")["items"][index][field] = value

    return mutate


CASES = [
    # Top level
    ("missing-title", _top_del("title"), "topic.yaml: field 'title': is missing (required)"),
    ("empty-title", _top("title", ""), "topic.yaml: field 'title': must not be empty"),
    ("blank-title", _top("title", "   "), "topic.yaml: field 'title': must not be empty"),
    (
        "no-exercises",
        _top("exercises", []),
        "topic.yaml: field 'exercises': must not be empty; expected at least 1 entries",
    ),
    (
        "exercises-not-list",
        _top("exercises", "one"),
        "topic.yaml: field 'exercises': expected a list, got text ('one')",
    ),
    (
        "bank-mismatch",
        _top("bank", "other"),
        "topic.yaml: field 'bank': 'other' does not match the file name; expected 'topic'",
    ),
    (
        "unknown-top-field",
        _top("titel", "x"),
        "topic.yaml: field 'titel': unknown field; did you mean 'title'? "
        "(allowed: bank, title, reveal_after, exercises)",
    ),
    (
        "negative-reveal-after",
        _top("reveal_after", -1),
        "topic.yaml: field 'reveal_after': must be 0 or more, got -1",
    ),
    (
        "reveal-after-text",
        _top("reveal_after", "two"),
        "topic.yaml: field 'reveal_after': expected a whole number, got text ('two')",
    ),
    (
        "exercise-not-mapping",
        _top("exercises", ["just text"]),
        "topic.yaml: field 'exercises[#1]': expected a mapping (key: value lines), "
        "got text ('just text')",
    ),
    # Common exercise fields
    (
        "missing-id",
        deleter("tf", "id"),
        "topic.yaml: exercise #3: field 'id': is missing (required)",
    ),
    (
        "bad-id",
        setter("tf", "id", "Bad Id"),
        "topic.yaml: exercise 'Bad Id': field 'id': 'Bad Id' is not a valid id; use lowercase "
        "letters, digits and hyphens (like 'my-answer-2')",
    ),
    (
        "numeric-id",
        setter("tf", "id", 7),
        "topic.yaml: exercise #3: field 'id': expected text, got a whole number (7); put it in "
        "quotes if you meant text",
    ),
    (
        "duplicate-exercise-id",
        _dup_exercise,
        "topic.yaml: exercise 'tf': field 'id': 'tf' is already used by exercise #3; ids must be "
        "unique in a bank",
    ),
    (
        "unknown-type",
        setter("tf", "type", "essay"),
        "topic.yaml: exercise 'tf': field 'type': unknown question type text ('essay'); expected "
        "one of single, multi, truefalse, numeric, matching, reflection",
    ),
    (
        "missing-type",
        deleter("tf", "type"),
        "topic.yaml: exercise 'tf': field 'type': is missing (required)",
    ),
    (
        "missing-prompt",
        deleter("one", "prompt"),
        "topic.yaml: exercise 'one': field 'prompt': is missing (required)",
    ),
    (
        "empty-prompt",
        setter("one", "prompt", None),
        "topic.yaml: exercise 'one': field 'prompt': expected text, got nothing (the field is empty)",
    ),
    (
        "unknown-field",
        setter("one", "explanaton", "x"),
        "topic.yaml: exercise 'one': field 'explanaton': unknown field (allowed: id, type, prompt, "
        "hint, cite, options, answer)",
    ),
    (
        "cite-not-list",
        setter("one", "cite", "known2020"),
        "topic.yaml: exercise 'one': field 'cite': expected a list, got text ('known2020')",
    ),
    (
        "unknown-reference",
        setter("one", "cite", ["known2021"]),
        "topic.yaml: exercise 'one': field 'cite': unknown reference key 'known2021'; did you mean "
        "'known2020'?",
    ),
    # single / multi
    (
        "answer-not-option",
        setter("one", "answer", "e"),
        "topic.yaml: exercise 'one': field 'answer': 'e' is not one of the options a, b, c",
    ),
    (
        "multi-answer-not-option",
        setter("many", "answer", ["a", "z"]),
        "topic.yaml: exercise 'many': field 'answer': 'z' is not one of the options a, b",
    ),
    (
        "single-answer-list",
        setter("one", "answer", ["a"]),
        "topic.yaml: exercise 'one': field 'answer': expected text, got a list",
    ),
    (
        "multi-answer-repeated",
        setter("many", "answer", ["a", "a"]),
        "topic.yaml: exercise 'many': field 'answer': 'a' appears more than once",
    ),
    (
        "multi-answer-empty",
        setter("many", "answer", []),
        "topic.yaml: exercise 'many': field 'answer': must not be empty; expected at least 1 entries",
    ),
    (
        "duplicate-option-id",
        _option("one", 2, "id", "a"),
        "topic.yaml: exercise 'one': field 'options': option id 'a' appears more than once",
    ),
    (
        "duplicate-option-text",
        _option("one", 2, "text", "Alpha"),
        "topic.yaml: exercise 'one': field 'options': option text 'Alpha' appears more than once",
    ),
    (
        "one-option",
        setter("one", "options", [{"id": "a", "text": "Alpha"}]),
        "topic.yaml: exercise 'one': field 'options': expected at least 2 entries, got 1",
    ),
    (
        "option-missing-text",
        _option("one", 1, "text", None),
        "topic.yaml: exercise 'one': field 'options[b].text': expected text, got nothing "
        "(the field is empty)",
    ),
    (
        "option-yes-text",
        _option("one", 1, "text", True),
        "topic.yaml: exercise 'one': field 'options[b].text': expected text, got true or false "
        "(true); put it in quotes if you meant text",
    ),
    (
        "option-unknown-cite",
        _option("one", 0, "cite", ["nobody1999"]),
        "topic.yaml: exercise 'one': field 'options[a].cite': unknown reference key 'nobody1999'",
    ),
    # truefalse
    (
        "truefalse-answer-text",
        setter("tf", "answer", "yes please"),
        "topic.yaml: exercise 'tf': field 'answer': expected true or false, got text ('yes please')",
    ),
    (
        "truefalse-bad-style",
        setter("tf", "style", "quiz"),
        "topic.yaml: exercise 'tf': field 'style': got text ('quiz'); expected one of true-false, "
        "myth-fact",
    ),
    (
        "truefalse-missing-statement",
        deleter("tf", "statement"),
        "topic.yaml: exercise 'tf': field 'statement': is missing (required)",
    ),
    # numeric
    (
        "negative-tolerance",
        setter("guess", "tolerance", {"absolute": -1}),
        "topic.yaml: exercise 'guess': field 'tolerance.absolute': must be 0 or more, got -1",
    ),
    (
        "two-tolerances",
        setter("guess", "tolerance", {"absolute": 1, "relative": 0.1}),
        "topic.yaml: exercise 'guess': field 'tolerance': expected exactly one of absolute or "
        "relative",
    ),
    (
        "tolerance-number",
        setter("guess", "tolerance", 5),
        "topic.yaml: exercise 'guess': field 'tolerance': expected a mapping (key: value lines), "
        "got a whole number (5)",
    ),
    (
        "answer-outside-range",
        setter("guess", "answer", 146),
        "topic.yaml: exercise 'guess': field 'answer': 146 is outside min..max (0 to 100)",
    ),
    (
        "min-above-max",
        setter("guess", "min", 200),
        "topic.yaml: exercise 'guess': field 'max': must be greater than min (200), got 100",
    ),
    (
        "interval-reversed",
        setter("guess", "interval", [52.5, 39.6]),
        "topic.yaml: exercise 'guess': field 'interval': low (52.5) must not be greater than "
        "high (39.6)",
    ),
    (
        "interval-excludes-answer",
        setter("guess", "interval", [10, 20]),
        "topic.yaml: exercise 'guess': field 'interval': [10, 20] does not contain the answer 46",
    ),
    (
        "interval-three-numbers",
        setter("guess", "interval", [1, 2, 3]),
        "topic.yaml: exercise 'guess': field 'interval': expected exactly two numbers [low, high], "
        "got 3",
    ),
    (
        "answer-as-text",
        setter("guess", "answer", "46%"),
        "topic.yaml: exercise 'guess': field 'answer': expected a number, got text ('46%')",
    ),
    (
        "missing-source",
        deleter("guess", "source"),
        "topic.yaml: exercise 'guess': field 'source': is missing (required)",
    ),
    (
        "unknown-source",
        setter("guess", "source", "nobody1999"),
        "topic.yaml: exercise 'guess': field 'source': unknown reference key 'nobody1999'",
    ),
    (
        "bad-input",
        setter("guess", "input", "dial"),
        "topic.yaml: exercise 'guess': field 'input': got text ('dial'); expected one of slider, box",
    ),
    (
        "zero-step",
        setter("guess", "step", 0),
        "topic.yaml: exercise 'guess': field 'step': must be greater than 0, got 0",
    ),
    (
        "nan-answer",
        setter("guess", "answer", float("nan")),
        "topic.yaml: exercise 'guess': field 'answer': expected a finite number, got nan",
    ),
    # matching
    (
        "item-answer-not-category",
        _item(1, "answer", "z"),
        "topic.yaml: exercise 'match': field 'items[i2].answer': 'z' is not one of the categories "
        "x, y",
    ),
    (
        "duplicate-item-id",
        _item(1, "id", "i1"),
        "topic.yaml: exercise 'match': field 'items': item id 'i1' appears more than once",
    ),
    (
        "item-missing-answer",
        lambda d: ex(d, "match")["items"][0].pop("answer"),
        "topic.yaml: exercise 'match': field 'items[i1].answer': is missing (required)",
    ),
    (
        "one-category",
        setter("match", "categories", [{"id": "x", "label": "Ex"}]),
        "topic.yaml: exercise 'match': field 'categories': expected at least 2 entries, got 1",
    ),
    # reflection
    (
        "reflection-with-answer",
        setter("think", "answer", "x"),
        "topic.yaml: exercise 'think': field 'answer': unknown field (allowed: id, type, prompt, "
        "hint, cite, placeholder, consider)",
    ),
    # Whole-file problems
    (
        "not-a-mapping",
        "- just\n- a list\n",
        "topic.yaml: expected a mapping with the fields bank, title and exercises at the top level, "
        "got a list",
    ),
    ("empty-file", "", "topic.yaml: the file is empty; expected the fields bank, title, exercises"),
    (
        "broken-yaml",
        "bank: topic\ntitle: A topic\nexercises:\n  - id: x\n   type: single\n",
        "topic.yaml: YAML syntax error at line 5: ",
    ),
    (
        "unclosed-bracket",
        "bank: topic\ntitle: [A topic\nexercises: []\n",
        "topic.yaml: YAML syntax error at line 3: ",
    ),
    (
        "duplicate-key",
        "bank: topic\ntitle: A\ntitle: B\nexercises: []\n",
        "topic.yaml: YAML syntax error at line 3: the key 'title' appears twice in the same mapping",
    ),
    ("tab-indent", "bank: topic\n\ttitle: A\n", "topic.yaml: YAML syntax error at line 2: "),
    (
        "not-utf8",
        b"bank: topic\ntitle: Caf\xe9\nexercises: []\n",
        "topic.yaml: the file is not valid UTF-8 text (byte 0xe9 at line 2); save it with UTF-8 "
        "encoding",
    ),
]


@pytest.mark.parametrize("mutate, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_bank_message(tmp_path, mutate, expected):
    if callable(mutate):
        data = copy.deepcopy(BASE)
        mutate(data)
    else:
        data = mutate
    with pytest.raises(BankError) as info:
        load_bank(write(tmp_path, data), known_refs=KNOWN)
    message = str(info.value)
    if expected.endswith(": "):  # YAML parser wording varies by version; the line must not
        assert message.startswith(expected) and len(message) > len(expected)
    else:
        assert message == expected


def test_missing_file_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match=r"^nowhere\.yaml: cannot open the bank file"):
        load_bank(tmp_path / "nowhere.yaml")


def test_unknown_exercise_lookup(tmp_path):
    bank = load_bank(write(tmp_path, BASE))
    with pytest.raises(BankError, match=r"topic\.yaml: no exercise 'nope'; the bank has: one, "):
        bank["nope"]


def test_citation_keys_unchecked_without_known_refs(tmp_path):
    data = copy.deepcopy(BASE)
    ex(data, "one")["cite"] = ["anything1900"]
    assert load_bank(write(tmp_path, data))["one"].cite == ("anything1900",)


def test_cache_by_path_and_mtime(tmp_path, monkeypatch):
    path = write(tmp_path, BASE)
    first = load_bank(path)
    assert load_bank(path) is first
    data = copy.deepcopy(BASE)
    data["title"] = "Changed"
    write(tmp_path, data)
    import os

    os.utime(path, ns=(1, 1))  # a new mtime even on coarse file systems
    assert load_bank(path).title == "Changed"


# --------------------------------------------------------------------------- property test

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "single",
            "multi",
            "truefalse",
            "numeric",
            "matching",
            "reflection",
            "a",
            "b",
            "topic",
            "known2020",
            "slider",
            "box",
            "myth-fact",
        ]
    ),
)
_keys = st.sampled_from(
    [
        "bank",
        "title",
        "exercises",
        "id",
        "type",
        "prompt",
        "options",
        "answer",
        "text",
        "statement",
        "min",
        "max",
        "tolerance",
        "absolute",
        "relative",
        "interval",
        "source",
        "categories",
        "items",
        "label",
        "cite",
        "input",
        "step",
        "style",
        "hint",
        "reveal_after",
    ]
)
_yamlish = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.one_of(_keys, st.text(max_size=5), st.integers(0, 3)), inner, max_size=5
        )
    ),
    max_leaves=25,
)


def _bank_like():
    exercise = st.fixed_dictionaries(
        {
            "id": st.sampled_from(["a", "b", "x-1"]),
            "type": st.sampled_from(
                ["single", "multi", "truefalse", "numeric", "matching", "reflection"]
            ),
        },
        optional={
            k: _yamlish
            for k in (
                "prompt",
                "options",
                "answer",
                "statement",
                "min",
                "max",
                "tolerance",
                "source",
                "categories",
                "items",
                "cite",
            )
        },
    )
    return st.fixed_dictionaries(
        {"bank": st.just("topic"), "title": _scalars, "exercises": st.lists(exercise, max_size=3)}
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_yamlish, _bank_like()))
def test_anything_yaml_shaped_loads_or_raises_bank_error(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        bank = selfcheck.parse_bank(text, "topic.yaml", known_refs=KNOWN)
    except BankError as exc:
        assert str(exc).startswith("topic.yaml: ")
    else:
        assert isinstance(bank, selfcheck.Bank)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=60))
def test_arbitrary_bytes_load_or_raise_bank_error(raw):
    try:
        selfcheck.parse_bank(raw, "topic.yaml")
    except BankError as exc:
        assert str(exc).startswith("topic.yaml: ")


def test_published_json_schema_matches_the_code(example_path):
    import json
    from pathlib import Path

    import jsonschema
    from selfcheck.schema import BANK_SCHEMA

    published = Path(selfcheck.__file__).with_name("bank.schema.json")
    assert json.loads(published.read_text(encoding="utf-8")) == BANK_SCHEMA, (
        "bank.schema.json is out of date: run `python -m selfcheck.schema`"
    )
    jsonschema.Draft202012Validator(BANK_SCHEMA).validate(
        yaml.safe_load(example_path.read_text(encoding="utf-8"))
    )


def test_an_unknown_exercise_is_a_key_error_that_suggests_the_closest_id(bank):
    with pytest.raises(KeyError) as info:
        bank["pick-on"]
    assert isinstance(info.value, selfcheck.BankError)
    assert str(info.value) == (
        f"example.yaml: no exercise 'pick-on'; the bank has: {', '.join(bank.ids)}; "
        "did you mean 'pick-one'?"
    )
    with pytest.raises(selfcheck.UnknownExercise, match=r"the bank has: [^;]*$"):
        bank["zzzzzz"]
