"""The channel options a dead letter was read with, kept at the end of its source.

``dead-letters retry`` reads a letter's raw input again through its channel; with other
options (another ``channel`` for the idempotency key, another encoding or mapping) the same
record would become another complaint. So intake appends the options it used to the
letter's source as one JSON object (``csv:rows.csv:3 {"channel":"old-desk"}``): the
source still starts with its channel and location, and no storage schema changes.

Options that only say where and how records are fetched — a broker's address, a batch
size, how long to wait — change nothing about how one record is read, and are not kept
either: a channel names them in ``fetch_options`` (``read_options``). Were they kept, a
message a broker delivers again after a crash, to a consumer restarted with another batch
size, would become a second letter instead of finding its first.

A credential is never kept — an option named like one (``password``, ``api_key``,
``auth_token``…) or a URL carrying a user's password — since dead letters are listed,
shown and reported; ``retry`` takes it again from ``-o``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any, Final

from complaintkit.channels.mapping import read_columns
from complaintkit.passwords import holds_password

#: Option names that hold a credential: left out of what a letter keeps.
_SECRET_NAME: Final = re.compile(r"pass|secret|token|credential|auth|api[-_]?key", re.IGNORECASE)


def read_options(channel: object, options: Mapping[str, Any]) -> dict[str, Any]:
    """``options`` without those ``channel`` lists in its ``fetch_options``."""
    fetching: Collection[str] = getattr(channel, "fetch_options", ())
    return {name: value for name, value in options.items() if name not in fetching}


def with_options(location: str, options: Mapping[str, Any]) -> str:
    """``location`` with ``options`` (but no credential) appended, or alone when none."""
    kept = _without_secrets(options)
    if not kept:
        return location
    written = json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if not written.isascii():
        try:
            written.encode()
        except UnicodeEncodeError:  # a lone surrogate (an argument's bytes not UTF-8): no
            # store keeps it as is, and JSON's escape reads back as the same option
            written = json.dumps(kept, sort_keys=True, separators=(",", ":"))
    return f"{location} {written}"


def _without_secrets(options: Mapping[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, value in options.items():
        if _SECRET_NAME.search(str(name)) or (isinstance(value, str) and holds_password(value)):
            continue
        kept[name] = _without_secrets(value) if isinstance(value, Mapping) else value
    return kept


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
    option (``-o columns.text=…`` replaces the text column and keeps the others, those of
    a mapping file the letter was read with too)."""
    options = dict(recorded)
    for key, value in given.items():
        kept = options.get(key)
        if key == "columns" and isinstance(kept, str) and isinstance(value, Mapping):
            kept = read_columns(kept)  # the file's columns, as it reads now
        both_nested = isinstance(kept, Mapping) and isinstance(value, Mapping)
        options[key] = {**kept, **value} if both_nested else value  # type: ignore[dict-item]
    return options
