"""Fuzzing policy test files: a mutated shipped test file is refused with a located
PolicyError when read, or runs to a pass, a failure or an error result — never a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policytest import Runner, spec
from complaintkit.policytest.spec import load_test_file

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail"
SHIPPED = yaml.safe_load((RETAIL / "supermarket.tests.yaml").read_text("utf-8"))
RUNNER = Runner()

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["2h", "1 day", "resolved", "refund 5 CNY", "product", "-1", "{"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
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
    test = copy.deepcopy(SHIPPED["tests"][draw(st.integers(0, len(SHIPPED["tests"]) - 1))])
    data: dict[str, Any] = {"policy": str(RETAIL / "supermarket.yaml"), "tests": [test]}
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(_paths(test)[1:] or [("expect",)]))
        *parents, last = path
        node: Any = test
        for part in parents:
            node = node[part]
        node[last] = draw(_values)
    return data


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_a_mutated_test_file_is_refused_or_runs_without_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "m.tests.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    test_file = _read(path)
    if isinstance(test_file, PolicyError):
        assert all(p.location.file == str(path) for p in test_file.problems)
        return
    for test in test_file.tests:
        RUNNER.run(test_file, test)  # a result, whatever it says


def _read(path: Path) -> spec.TestFile | PolicyError:
    try:
        return load_test_file(path)
    except PolicyError as refused:
        return refused
