"""Every key of any TOML text is found where it is written: the walk that locates a TOML
policy's keys (tomllib gives values only) is checked against text written in each way TOML
allows, with quoted keys, strings holding quotes, '#', '[' and '=', and line comments."""

from __future__ import annotations

import json
import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.policy.toml_places import toml_places

KEYS = st.sampled_from(["id", "label", "a-b", "x_1", "a b", "x.y", "产品", 'q"t', "#", "["])
TEXTS = st.text(alphabet="ab \"#=[]{}\\'\n产", max_size=8)
SCALARS = st.one_of(st.integers(-5, 5), TEXTS, st.booleans())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


def key(name: str) -> str:
    bare = (
        name.replace("-", "").replace("_", "").isascii()
        and name.replace("-", "").replace("_", "").isalnum()
    )
    return name if bare else json.dumps(name, ensure_ascii=False)


def value(data: Any, style: int) -> str:
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, str):
        return (
            "'" + data + "'"
            if "'" not in data and "\n" not in data and style % 2
            else json.dumps(data, ensure_ascii=False)
        )
    if isinstance(data, list):
        gap = "\n  # a comment, with ] and }\n  " if style % 3 == 0 else " "
        return "[" + gap + ("," + gap).join(value(v, style + 1) for v in data) + "]"
    if isinstance(data, dict):
        return "{ " + ", ".join(f"{key(k)} = {value(v, style + 1)}" for k, v in data.items()) + " }"
    return str(data)


def document(tables: dict[str, dict[str, Any]], style: int) -> str:
    lines = []
    for name, body in tables.items():
        lines.append(f"[ {key(name)} ]  # the {name} table" if style % 2 else f"[{key(name)}]")
        lines.extend(f"{key(k)} = {value(v, style)}" for k, v in body.items())
    return "\n".join(lines) + "\n"


def paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else []
    )
    return [p for k, v in items for p in [(*path, k), *paths(v, (*path, k))]]


@settings(max_examples=60, deadline=None)
@given(
    tables=st.dictionaries(KEYS, st.dictionaries(KEYS, VALUES, max_size=4), max_size=4),
    style=st.integers(0, 5),
)
def test_every_key_is_found_where_it_is_written(
    tables: dict[str, dict[str, Any]], style: int
) -> None:
    text = document(tables, style)
    assert tomllib.loads(text) == tables
    places = toml_places(text, 64)
    lines = text.split("\n")
    for path in paths(tables):
        line, column = places[path]
        written = lines[line - 1][column - 1 :]
        if isinstance(path[-1], str):
            assert written.startswith(key(path[-1])), (path, written)
        else:
            assert written[:1] not in (" ", ",", "]", "#", ""), (path, written)
