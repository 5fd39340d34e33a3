# ruff: noqa: RUF001 -- full-width punctuation is part of the noise
"""Fuzzing the loader: a mutated shipped policy fails with a located PolicyError, never
with another exception."""

from __future__ import annotations

import contextlib
import copy
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import compile_document, load_policy
from complaintkit.policy.document import Document

POLICIES = Path(__file__).parents[2] / "policies"
SHIPPED = sorted(p for p in POLICIES.rglob("*.yaml") if not p.name.endswith(".tests.yaml"))
DATA = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in SHIPPED}

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["1e999999999", "-5", "2h", "urgent", "critical", "", "{", "*"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(DATA[draw(st.sampled_from(sorted(DATA)))])
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        *parents, last = path
        node = data
        for part in parents:
            node = node[part]
        if draw(st.booleans()) and isinstance(node, dict):
            del node[last]
        else:
            node[last] = draw(_values)
    return data


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_a_mutated_shipped_policy_fails_only_with_policy_errors(data: dict[str, Any]) -> None:
    # compile_document returns its problems; anything it raises fails the test
    _, problems = compile_document(Document(data, {}, ("mutated.yaml",)))
    assert all(p.location.file == "mutated.yaml" and p.message for p in problems)


def test_a_section_compiler_that_crashes_still_gives_a_located_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from complaintkit.policy import compiled, sections  # noqa: PLC0415 -- patched below

    real = sections.section_modules()

    class Crashing:
        NAME = "crashing"
        SCHEMA: ClassVar[dict[str, object]] = {"compensation": {}}

        @staticmethod
        def compile(*args: object) -> None:
            raise TypeError("boom")

    monkeypatch.setattr(compiled, "section_modules", lambda: (*real, Crashing))
    data = DATA["cn-food-safety-art148.yaml"]
    _, problems = compile_document(Document(data, {}, ("p.yaml",)))
    (problem,) = [p for p in problems if p.code == "compile-crash"]
    assert "TypeError: boom" in problem.message
    assert problem.location.path == "compensation"


TEXTS = {p.name: p.read_text("utf-8") for p in SHIPPED}
_NOISE = st.sampled_from(
    [":", "：", "，", "- ", "{", "}", "[", "]", "\n", "  ", "#", "'", '"', "&a", "*a", "!!", "9" * 5000,
     "2026-02-30", "1e999999999", "\t", "?", "|", ">", "%", "@", "`", "\x00", "\ufeff"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(sorted(TEXTS)), st.lists(st.tuples(st.floats(0, 1), _NOISE), max_size=4))
def test_a_policy_text_with_stray_characters_fails_only_with_policy_errors(
    tmp_path_factory: pytest.TempPathFactory, name: str, edits: list[tuple[float, str]]
) -> None:
    text = TEXTS[name]
    for where, noise in edits:
        cut = int(where * len(text))
        text = text[:cut] + noise + text[cut:]
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_text(text, "utf-8")
    with contextlib.suppress(PolicyError):
        load_policy(path)
