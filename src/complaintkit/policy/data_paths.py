"""How a node of policy data is named: ``classification.rules[0].when``, as the condition
compiler, the rule tables and every problem's location spell it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


def join(path: str, key: str | int) -> str:
    """The child path: ``a.b`` for keys, ``a[0]`` for list items, as the engine spells them."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def leaves(data: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value under ``data`` that holds no other (text, a number, a date YAML read),
    named by its path: for the checks that look at values wherever they stand."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from leaves(value, join(path, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, join(path, i))
    else:
        yield path, data
