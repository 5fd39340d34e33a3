"""A TOML policy nesting deeper than the limit is named at the line and column where it
passes it, as a YAML or JSON one is: it was named by its file alone, leaving the author to
search a long file for the one deep spot (an inline array of arrays, a dotted table header,
a dotted key, an inline table), whether tomllib itself ran out of stack or the reader
counted the levels."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.source import MAX_DEPTH, parse_text
from complaintkit.policy.toml_depth import too_deep_at

HEAD = 'complaintkit = 1\nname = "deep"\n'
N = MAX_DEPTH + 5


def _where(text: str) -> tuple[int | None, int | None]:
    with pytest.raises(PolicyError) as refused:
        parse_text(HEAD + text, "deep.toml", ".toml")
    (problem,) = refused.value.problems
    assert problem.code == "too-deep"
    return problem.location.line, problem.location.column


@pytest.mark.parametrize("depth", [N, 5_000])
def test_nested_arrays_are_named_at_the_bracket_past_the_limit(depth: int) -> None:
    # the root table is the first level, x's array the second
    assert _where("x = " + "[" * depth + "]" * depth + "\n") == (3, 4 + MAX_DEPTH)


@pytest.mark.parametrize("depth", [N, 5_000])
def test_nested_inline_tables_are_named_at_the_brace_past_the_limit(depth: int) -> None:
    text = "x = " + "{a = " * depth + "1" + "}" * depth + "\n"
    assert _where(text) == (3, 5 + 5 * (MAX_DEPTH - 1))


def test_a_dotted_table_header_is_named_at_the_key_past_the_limit() -> None:
    keys = [f"k{n:02}" for n in range(N)]
    line = "[" + ".".join(keys) + "]"
    assert _where(f"a = 1\n{line}\nb = 1\n") == (4, line.index(keys[MAX_DEPTH - 1]) + 1)


def test_a_dotted_key_is_named_at_the_key_past_the_limit() -> None:
    keys = [f"k{n:02}" for n in range(N)]
    line = ".".join(keys) + " = 1"
    assert _where(line + "\n") == (3, line.index(keys[MAX_DEPTH - 1]) + 1)


def test_brackets_inside_strings_and_comments_are_not_counted() -> None:
    text = "x = \"[[[[[[[[\"  # [[[[[[\ny = '{{{{'\nz = " + "[" * N + "]" * N + "\n"
    assert _where(text) == (5, 4 + MAX_DEPTH)


def test_depth_just_within_the_limit_loads() -> None:
    depth = MAX_DEPTH - 1  # with the root table, MAX_DEPTH levels
    parse_text(HEAD + "x = " + "[" * depth + "]" * depth + "\n", "ok.toml", ".toml")


def _levels(value: object) -> int:
    """The levels of tables and arrays in ``value``, itself the first."""
    if isinstance(value, dict):
        return 1 + max(map(_levels, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_levels, value), default=0)
    return 0


@st.composite
def _nested_toml(draw: st.DrawFn) -> str:
    """A header (a table's or an array of tables', dotted), a dotted key and a value of
    nested inline arrays and tables, each of a drawn size around the limit."""
    header = [f"h{n}" for n in range(draw(st.integers(0, 60)))]
    double = bool(header) and draw(st.booleans())
    keys = [f'"k.{n}"' if draw(st.booleans()) else f"k{n}" for n in range(draw(st.integers(1, 40)))]
    kinds = draw(st.lists(st.sampled_from("[{"), max_size=50))
    value = "1"
    for kind in reversed(kinds):
        value = f"[ {value}, 2 ]" if kind == "[" else f"{{ a = {value}, s = '[{{' }}"
    lines = ['top = "[[{{" # {[', "[[h0]]" if double else ""]
    if header:
        lines.append(("[[{}]]" if double else "[{}]").format(".".join(header)))
    lines.append(f"{' . '.join(keys)} = {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=100, deadline=None)
@given(_nested_toml())
def test_the_scan_finds_too_deep_text_where_the_reader_does(text: str) -> None:
    levels = _levels(tomllib.loads(text))
    found = too_deep_at(text, MAX_DEPTH)
    assert (found is not None) == (levels > MAX_DEPTH), (levels, found)
    if found is not None:
        line, column = found
        assert text.split("\n")[line - 1][column - 1] in '[{"hk'
