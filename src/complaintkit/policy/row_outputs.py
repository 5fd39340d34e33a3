"""Outputs written beside a row's ``when`` rather than under its ``then``.

A row reads ``when: … then: {category: food, severity: major}``. An author who writes
``category: food`` at the row itself has written what ``then`` holds: each such key is
refused with the ``then:`` that would hold them all, and a ``priority`` in words there is
the case's priority, not the number that orders the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from complaintkit.policy.as_written import as_yaml
from complaintkit.policy.key_hints import meant_key, unknown_key_hint

#: The keys a row takes.
ROW_KEYS: Final = frozenset({"id", "when", "then", "priority", "description"})


def row_key_hint(row: Mapping[str, object], key: str) -> str:
    """The hint for ``key`` written at ``row``: the ``then:`` to write when it reads as an
    output, else the keys a row takes, led by a typo's likely meaning."""
    outputs = _outputs(row)
    if key not in outputs:
        return unknown_key_hint(key, ROW_KEYS)
    return f"outputs go under then: write then: {as_yaml(outputs)}"


def row_priority_hint(value: object) -> str:
    """A row's ``priority`` in words: the case's, which goes under ``then``."""
    return (
        "a row's priority is a number that orders the rows (hit policy priority); the "
        f"case's priority goes under then: write then: {{priority: {as_yaml(value)}}}"
    )


def is_row_priority_in_words(row: Mapping[str, object]) -> bool:
    return isinstance(row.get("priority"), str) and not _is_number(str(row["priority"]))


def _outputs(row: Mapping[str, object]) -> dict[str, object]:
    """``then``'s outputs and the keys beside ``when`` that read as outputs: not a row key,
    nor a typo of one (``thenn``), and a ``priority`` in words."""
    then = row.get("then")
    outputs: dict[str, object] = dict(then) if isinstance(then, Mapping) else {}
    for written, value in row.items():
        key = str(written)
        if key not in ROW_KEYS and meant_key(key, ROW_KEYS) is None:
            outputs.setdefault(key, value)
    if is_row_priority_in_words(row):
        outputs.setdefault("priority", row["priority"])
    return outputs


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
