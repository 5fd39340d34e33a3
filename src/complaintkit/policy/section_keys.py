"""The section a key written at the top of a policy belongs in: ``targets:`` under ``sla:``.

A key dedented out of its section (an editor's slip, a paste) is unknown at the top, and
the sections listed for a hint name none like it. The schema says which sections take the
key, and the hint names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def section_hint(key: str, schema: Mapping[str, Any]) -> str | None:
    """``targets goes under sla: …`` for a top-level ``key`` that is a key of a section of
    ``schema`` (the policy's, whose top level refused the key), or None. The data is checked
    merged with what it extends, so the key's neighbours in the file are not known: a key
    several sections take (``rules``) is told them all."""
    sections = _sections_taking(schema).get(key)
    if not sections:
        return None
    if len(sections) == 1:
        return (
            f"{key} goes under {sections[0]}: indent it below {sections[0]}:, as its other keys are"
        )
    return f"{key} goes under one of {', '.join(sections)}: indent it below the one meant"


def _sections_taking(schema: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each key a section's mapping takes, with the sections taking it (in name order)."""
    taking: dict[str, list[str]] = {}
    for section, sub in sorted(schema.get("properties", {}).items()):
        for key in _keys(sub, schema.get("$defs", {})):
            taking.setdefault(key, []).append(section)
    return taking


def _keys(sub: Mapping[str, Any], defs: Mapping[str, Any]) -> set[str]:
    """The keys ``sub`` takes as a mapping, through a ``$ref`` and ``anyOf`` branches."""
    if "$ref" in sub:
        sub = defs.get(str(sub["$ref"]).rsplit("/", 1)[-1], {})
    keys = set(sub.get("properties", {}))
    for branch in sub.get("anyOf", []):
        keys |= _keys(branch, defs) if "items" not in branch else set()
    return keys
