# ruff: noqa: RUF001 -- the full-width and invisible characters are what is being typed in
"""Characters a Chinese input method, a copied web page or a joined file put into a policy,
inserted at random places of each shipped policy: the policy loads, or is refused with a
PolicyError each of whose problems names its file and where in it (a line and column, or a
key path) and says what is wrong — never another exception.

The characters: invisible ones (zero width space and joiners, word joiner, a byte order
mark), full-width punctuation, space and digits, Chinese quotation marks and the
enumeration comma, a combining accent, a no-break space, a tab and a Windows line end.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).parents[2]
SHIPPED = [
    *sorted(p for p in (ROOT / "policies").rglob("*.yaml") if not p.name.endswith(".tests.yaml")),
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
]
TYPED = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # invisible
    "\u3000", "：", "，", "、", "；", "［", "］", "｛", "｝", "－", "＝", "＞",  # full-width
    "１", "３", "０", "ｓ", "“", "”", "「", "」", "‘", "＂", "＃", "\u0301", "\u00a0", "\t", "\r\n",
]  # fmt: skip
TEXTS = {path: path.read_text("utf-8") for path in SHIPPED}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policies' folders, so a changed file's ``extends`` still finds its parents."""
    root = tmp_path_factory.mktemp("typed")
    shutil.copytree(ROOT / "policies", root / "policies")
    (root / "demo").mkdir()
    return root


@st.composite
def typed_into(draw: st.DrawFn) -> tuple[Path, str]:
    path = draw(st.sampled_from(SHIPPED))
    text = TEXTS[path]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TYPED)) * draw(st.integers(1, 2)) + text[at:]
    return path, text


def _problems(target: Path) -> tuple[Problem, ...]:
    try:
        load_policy(target)  # anything but a PolicyError fails the test
    except PolicyError as refused:
        return refused.problems or (Problem(Location(""), ""),)  # an empty error fails too
    return ()


def _check(problems: tuple[Problem, ...], target: Path, lines: int) -> None:
    for problem in problems:
        where = problem.location
        assert where.file, problem
        assert where.line is not None or where.path, problem
        if where.file == str(target) and where.line is not None:
            assert 1 <= where.line <= lines + 1, problem
        assert problem.message, problem


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(typed_into())
def test_a_policy_typed_into_loads_or_names_where_it_is_wrong(
    copies: Path, case: tuple[Path, str]
) -> None:
    path, text = case
    place = copies / path.relative_to(ROOT) if path.is_relative_to(ROOT / "policies") else None
    target = (place or copies / "demo" / path.name).with_name("typed.yaml")
    target.write_text(text, "utf-8")
    _check(_problems(target), target, text.count("\n") + text.count("\r"))


JSON_TEXTS = {
    path: json.dumps(data, ensure_ascii=False, indent=2, default=str)
    for path in SHIPPED
    if "extends" not in (data := yaml.safe_load(TEXTS[path]))  # parents are found by folder
}


@st.composite
def json_typed_into(draw: st.DrawFn) -> str:
    text = JSON_TEXTS[draw(st.sampled_from(sorted(JSON_TEXTS)))]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TYPED)) + text[at:]
    return text


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_typed_into())
def test_a_json_policy_typed_into_loads_or_names_where_it_is_wrong(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    target = tmp_path_factory.mktemp("json") / "typed.json"
    target.write_text(text, "utf-8")
    _check(_problems(target), target, text.count("\n") + text.count("\r"))


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
_SENTENCE = re.compile("[\\s\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001,;!?]")


@functools.cache
def _loaded(path: Path) -> Any:
    return load_policy(path).data


def _in_sentences_only(data: Any) -> Any:
    """``data`` with the invisible characters of each text of several words taken out:
    the one place a policy may keep them (a label, a template)."""
    if isinstance(data, dict):
        return {key: _in_sentences_only(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_in_sentences_only(item) for item in data]
    if isinstance(data, str) and _SENTENCE.search(data):
        return "".join(char for char in data if char not in INVISIBLE)
    return data


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(SHIPPED),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(INVISIBLE)), min_size=1, max_size=3),
)
def test_an_invisible_character_is_refused_or_in_a_sentence(
    copies: Path, path: Path, edits: list[tuple[float, str]]
) -> None:
    """Where an invisible character lands, the policy is refused at it, or loads meaning
    what it meant without it: no key or id holds one."""
    text = TEXTS[path]
    for where, mark in edits:
        at = int(where * len(text))
        text = text[:at] + mark + text[at:]
    place = copies / path.relative_to(ROOT) if path.is_relative_to(ROOT / "policies") else None
    target = (place or copies / "demo" / path.name).with_name("invisible.yaml")
    target.write_text(text, "utf-8")
    try:
        data = load_policy(target).data
    except PolicyError as refused:
        _check(refused.problems, target, text.count("\n"))
        return
    assert _in_sentences_only(data) == _in_sentences_only(_loaded(path))
