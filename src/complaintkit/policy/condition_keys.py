"""The key two conditions share only when they agree on every input.

Shadowed rows, overlaps under ``unique`` and dead SLA targets are found by equal keys, so a
key must tell apart what a condition tells apart. Python does not: ``1 == True`` and
``hash(1) == hash(True)``, so ``{==: 1}`` and ``{==: true}`` made one key, and ``validate``
called a row on ``fraud == true`` unreachable below one on ``fraud == 1``, though true is
no 1 to a condition. Every literal is keyed with its type.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import attrs


def exact_key(value: object) -> Hashable:
    """``value`` as a hashable key in which values of different types never meet."""
    cls = type(value)
    if attrs.has(cls):
        fields = attrs.fields(cls)
        return (cls.__qualname__, *(exact_key(getattr(value, f.name)) for f in fields if f.eq))
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), exact_key(v)) for k, v in value.items())))
    if isinstance(value, frozenset | set):
        return ("set", frozenset(exact_key(v) for v in value))
    if isinstance(value, list | tuple):
        return ("seq", tuple(exact_key(v) for v in value))
    return (cls.__qualname__, value if isinstance(value, Hashable) else repr(value))
