"""Every kind of schema error reaches a policy author in complaintkit's words, not
jsonschema's ("Additional properties are not allowed ('x' was unexpected)"): each case
here is compared with the message jsonschema itself gives for the same document, so no
test depends on that wording, and every check the schema uses has a case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema.exceptions import ValidationError

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.document import load_document
from complaintkit.policy.schema import build_schema

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_RULE = "classification:\n  rules:\n    - {id: x, when: %s, then: {category: product}}\n"
_LEVEL = (
    "escalation:\n  ladders:\n    - name: l\n      levels:\n"
    "        - {name: a, trigger: %s, actions: %s}\n"
)
_BATCH = "incidents:\n  batches: [{key: product, min_cases: %s, window_hours: %s}]\n"

#: kind of check → (policy text below the header, path reported, words the message holds)
CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "additionalProperties": (
        "teams:\n  desk: {defualt_owner: amy}\n",
        "teams.desk.defualt_owner",
        ("'defualt_owner'", "teams.desk"),
    ),
    "required": (
        "classification:\n  rules:\n    - {id: x, when: {all: [{field: a, ==: 1}]}}\n",
        "classification.rules[1]",
        ("'then'",),
    ),
    "minLength": ('name: ""\n', "name", ("empty",)),
    "minItems": (_RULE % "{all: []}", "classification.rules[1].when.all", ("empty",)),
    "maxItems": (
        _RULE % "{field: complaint.x, between: [1, 2, 3]}",
        "classification.rules[1].when.between",
        ("2", "3"),
    ),
    "exclusiveMinimum": (_BATCH % (3, 0), "incidents.batches[0].window_hours", ("more than 0",)),
    "minimum": (_BATCH % (1, 1), "incidents.batches[0].min_cases", ("2",)),
    "maximum": (_BATCH % (3, 900000), "incidents.batches[0].window_hours", ("876600",)),
    "minProperties": (_RULE % "{}", "classification.rules[1].when", ("key",)),
    "maxProperties": (
        _LEVEL % ("{condition: {field: a, ==: 1}}", "[{notify: a, raise_priority: b}]"),
        "escalation.ladders[0].levels[0].actions[0]",
        ("notify", "raise_priority"),
    ),
    "uniqueItems": (
        "notifications:\n  publish: [hook, hook]\n",
        "notifications.publish",
        ("hook",),
    ),
    "const": ("complaintkit: 2\n", "complaintkit", ("2", "1")),
    "enum": ("classification: {hit_policy: firts}\n", "classification.hit_policy", ("first",)),
    "type": ("name: 5\n", "name", ("text", "5")),
    "pattern": (
        "notifications:\n  status_url: https://x\n",
        "notifications.status_url",
        ("https://x", "{token}"),
    ),
    "anyOf": (
        "calendars:\n  shop: {holidays: []}\n",
        "calendars.shop",
        ("timezone", "hours", "intersect", "union"),
    ),
    "oneOf": (
        _LEVEL % ("{elapsed: 1}", "[{notify: a}]"),
        "escalation.ladders[0].levels[0].trigger",
        ("sla", "elapsed", "since", "after", "condition"),
    ),
}

#: the same kinds where a key's name is checked, and oneOf with more than one form met
MORE_CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "top-level key": ("catgory: {}\n", "catgory", ("'catgory'", "top")),
    "key name pattern": ("sla:\n  metrics:\n    Bad: {}\n", "sla.metrics.Bad", ("'Bad'",)),
    "key name enum": (
        _LEVEL % ("{condition: {field: a, ==: 1}}", "[{notfy: a}]"),
        "escalation.ladders[0].levels[0].actions[0].notfy",
        ("unknown key 'notfy'",),
    ),
    "oneOf met twice": (
        _LEVEL % ("{since: a, after: 1h, condition: {field: a, ==: 1}}", "[{notify: a}]"),
        "escalation.ladders[0].levels[0].trigger",
        ("since", "condition"),
    ),
}


def _problems(tmp_path: Path, text: str) -> tuple[list[Problem], list[str]]:
    """The schema problems of ``text`` over the docs' base policy, and every message
    jsonschema itself gives for that document."""
    header = "" if text.startswith("complaintkit") else "complaintkit: 1\n"
    path = tmp_path / "p.yaml"
    path.write_text(f"{header}{text}extends: {BASE}\n", "utf-8")
    problems = [p for p in check_policy(path) if p.code.startswith("schema.")]
    validator = jsonschema.Draft202012Validator(build_schema())
    data = load_document(path).data
    return problems, [e.message for e in _all(validator.iter_errors(data))]


def _all(errors: Any) -> Iterator[ValidationError]:
    for error in errors:
        yield error
        yield from _all(error.context or ())


def _theirs(message: str) -> list[str]:
    """jsonschema's message, and its wording after the value it starts with."""
    cut = message.find(" ")
    words = [message]
    for end in ("' ", "] ", "} ", " "):  # after a quoted, listed or mapped value
        at = message.find(end)
        if at > 0:
            cut = at + len(end) - 1
            break
    tail = message[cut:].strip()
    return [*words, tail] if len(tail) > 8 else words


def _check(tmp_path: Path, case: tuple[str, str, tuple[str, ...]], kind: str | None) -> None:
    text, path, words = case
    problems, theirs = _problems(tmp_path, text)
    [problem] = [p for p in problems if p.location.path == path]
    if kind is not None:
        assert problem.code == f"schema.{kind}"
    for word in words:
        assert word in problem.message, problem.message
    for message in theirs:
        for phrase in _theirs(message):
            assert phrase not in problem.message, (phrase, problem.message)
            assert phrase not in problem.hint, (phrase, problem.hint)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_of_schema_error_is_worded_for_authors(tmp_path: Path, kind: str) -> None:
    _check(tmp_path, CASES[kind], kind)


@pytest.mark.parametrize("name", sorted(MORE_CASES))
def test_key_names_and_forms_met_twice_are_worded_for_authors(tmp_path: Path, name: str) -> None:
    _check(tmp_path, MORE_CASES[name], None)


def _checks(schema: Any) -> Iterator[str]:
    """Every validation keyword the schema uses (not those holding other schemas)."""
    if isinstance(schema, list):
        for item in schema:
            yield from _checks(item)
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            for inner in value.values():
                yield from _checks(inner)
        elif key in ("items", "additionalProperties", "propertyNames", "if", "else", "not"):
            yield from _checks(value)
            if key == "additionalProperties" and value is False:
                yield key
        elif key in ("anyOf", "oneOf", "allOf"):
            yield key
            yield from _checks(value)
        elif key not in ("description", "default", "$schema", "$id", "title", "$ref"):
            yield key


def test_every_check_the_schema_uses_has_a_case() -> None:
    assert set(_checks(build_schema())) <= set(CASES)


def test_unknown_keys_in_one_mapping_are_each_reported_where_they_are(tmp_path: Path) -> None:
    problems, _ = _problems(tmp_path, "teams:\n  desk: {defualt_owner: amy, labl: Desk}\n")
    found = {p.location.path: p for p in problems}
    assert set(found) == {"teams.desk.defualt_owner", "teams.desk.labl"}
    assert found["teams.desk.labl"].hint.startswith("did you mean 'label'?")
    assert "default_owner" in found["teams.desk.labl"].hint
