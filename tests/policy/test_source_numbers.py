"""Numbers no parser can build, in every policy format: a located problem, never a crash."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

HUGE = "1" * 5000


@pytest.mark.parametrize(
    ("suffix", "text", "line"),
    [
        (".yaml", f"complaintkit: 1\nname: {HUGE}\n", 2),
        (".json", f'{{"complaintkit": 1,\n "name": {HUGE}}}', 2),
        (".toml", f"complaintkit = 1\nname = {HUGE}\n", 2),
    ],
)
def test_a_number_too_long_to_build_is_a_located_problem(suffix: str, text: str, line: int) -> None:
    try:
        problems = parse_text(text, f"p{suffix}", suffix).problems
    except PolicyError as exc:
        problems = exc.problems
    (problem,) = problems
    assert problem.code == "bad-value"
    assert "not a usable number" in problem.message
    assert problem.location.line == line


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_validate_names_the_long_number_instead_of_crashing(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    text = f'{{"complaintkit": 1, "name": {HUGE}}}' if suffix == ".json" else f"name = {HUGE}"
    path.write_text(text, "utf-8")
    problems = check_policy(path)
    assert [p.code for p in problems if "not a usable number" in p.message] == ["bad-value"]


_FRAGMENTS = st.sampled_from(
    ["{", "}", "[", "]", ":", "=", ",", '"', "'", "\n", " ", "- ", "name", "complaintkit",
     "1", HUGE, "1e999999", "-0", "0x1", "true", "null", "2026-02-30", "\\u0000", "#",
     "[[a]]", "\t", "\u3000", "\uff1a"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from([".json", ".toml", ".yaml"]),
    st.one_of(st.lists(_FRAGMENTS, max_size=12).map("".join), st.text(max_size=60)),
)
def test_any_text_as_a_policy_file_is_valid_or_has_problems(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, text: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"p{suffix}"
    path.write_text(text, "utf-8", errors="surrogatepass")
    problems = check_policy(path)
    assert all(p.message for p in problems)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from([".json", ".toml", ".yaml"]), st.binary(max_size=80))
def test_any_bytes_as_a_policy_file_is_valid_or_has_problems(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"p{suffix}"
    path.write_bytes(raw)
    with contextlib.suppress(PolicyError):
        check_policy(path)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("012345", "5349"),  # an order number with a leading 0: octal in YAML 1.1
        ("12:30", "750"),  # a time of day: base 60
        ("0x1F", "31"),
        ("0b101", "5"),
        ("1:30.5", "90.5"),
    ],
)
def test_a_yaml_number_that_is_not_what_its_digits_say_is_an_error_where_written(
    written: str, read: str
) -> None:
    # {field: complaint.order_id, ==: 012345} compared the order with 5349, silently
    text = f"complaintkit: 1\nrouting:\n  rules:\n    - when: {{field: x, ==: {written}}}\n"
    (problem,) = parse_text(text, "p.yaml").problems
    assert (problem.code, problem.location.line, problem.location.column) == ("bad-value", 4, 28)
    assert problem.location.path == "routing.rules[0].when.=="
    assert written in problem.message
    assert read in problem.message


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1000", 1000),
        ("1_000", 1000),
        ("007", 7),
        ("-0", 0),
        ("12.50", 12.5),
        ('"012345"', "012345"),
    ],
)
def test_a_yaml_number_read_as_its_digits_say_is_fine(written: str, value: object) -> None:
    source = parse_text(f"a: {written}\n", "p.yaml")
    assert source.problems == ()
    assert source.data == {"a": value}
