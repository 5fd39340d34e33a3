"""A row's outputs and a table's default as compiled: read-only, so a result handed to one
caller cannot change what the table gives the next (mappings as views, lists as tuples)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def frozen(value: object) -> object:
    """``value`` with every mapping in it read-only and every list a tuple."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return value
