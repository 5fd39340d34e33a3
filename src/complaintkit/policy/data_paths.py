"""How a node of policy data is named: ``classification.rules[0].when``, as the condition
compiler, the rule tables and every problem's location spell it."""

from __future__ import annotations


def join(path: str, key: str | int) -> str:
    """The child path: ``a.b`` for keys, ``a[0]`` for list items, as the engine spells them."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key
