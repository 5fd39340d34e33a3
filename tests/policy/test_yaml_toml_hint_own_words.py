"""A YAML or TOML policy's syntax error does not repeat its parser's message in the hint.

Found in review after the JSON hint: "fix the YAML at this position (the YAML parser said:
mapping values are not allowed here)" and "(the TOML parser said: Expected '=' after a key
in a key/value pair)" put PyYAML's and tomllib's words, which change between versions,
before the author. The test asks each parser for its text only to check it is not shown.
"""

from __future__ import annotations

import tomllib

import pytest
import yaml

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

YAML = [
    "complaintkit: 1\nname: x: y\n",
    "complaintkit: 1\nteams: [a, b\n",
    'complaintkit: 1\nname: "x\n',
    "complaintkit: 1\nteams: {a: 1\n",
]
TOML = [
    "complaintkit = 1\nname x\n",
    "complaintkit = 1\nname = \n",
    "complaintkit = 1\ncomplaintkit = 2\n",
    'complaintkit = 1\nname = "x\n',
]


def _yaml_said(text: str) -> str:
    with pytest.raises(yaml.YAMLError) as parsed:
        yaml.safe_load(text)
    return str(getattr(parsed.value, "problem", None) or parsed.value)


def _toml_said(text: str) -> str:
    with pytest.raises(tomllib.TOMLDecodeError) as parsed:
        tomllib.loads(text)
    return str(parsed.value).split(" (at ")[0]


@pytest.mark.parametrize("text", YAML)
def test_a_yaml_syntax_error_hint_is_in_own_words(text: str) -> None:
    said = _yaml_said(text)
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.yaml", ".yaml")
    (problem,) = refused.value.problems
    assert problem.location.line == 2
    assert said not in f"{problem.message} {problem.hint}"


@pytest.mark.parametrize("text", TOML)
def test_a_toml_syntax_error_hint_is_in_own_words(text: str) -> None:
    said = _toml_said(text)
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.toml", ".toml")
    (problem,) = refused.value.problems
    assert problem.location.line == 2
    assert said not in f"{problem.message} {problem.hint}"
