"""The channel options a dead letter was read with, kept at the end of its source.

``dead-letters retry`` reads a letter's raw input again through its channel; with other
options (another ``channel`` for the idempotency key, another encoding or mapping) the same
record would become another complaint. So intake appends the options it used to the
letter's source as one JSON object (``csv:rows.csv:3 {"channel":"old-desk"}``): the
source still starts with its channel and location, and no storage schema changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def with_options(location: str, options: Mapping[str, Any]) -> str:
    """``location`` with ``options`` appended, or alone when there are none."""
    if not options:
        return location
    written = json.dumps(options, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{location} {written}"


def split_options(source: str) -> tuple[str, dict[str, Any]]:
    """(location, options) of a source ``with_options`` wrote; a source without options
    (an older letter, an HTTP body) is all location."""
    start = source.find(" {")
    while start != -1:
        try:
            options = json.loads(source[start + 1 :])
        except ValueError:
            options = None
        if isinstance(options, dict):
            return source[:start], options
        start = source.find(" {", start + 1)
    return source, {}


def merged(recorded: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``recorded`` options with ``given`` ones over them, name by name inside a nested
    option (``-o columns.text=…`` replaces the text column and keeps the others)."""
    options = dict(recorded)
    for key, value in given.items():
        kept = options.get(key)
        both_nested = isinstance(kept, Mapping) and isinstance(value, Mapping)
        options[key] = {**kept, **value} if both_nested else value  # type: ignore[dict-item]
    return options
