"""The smallest policy a batch watcher runs under: one category, severity, priority and
team, every complaint classified and routed alike, and the batch rules a test gives."""

from __future__ import annotations

_VOCABULARY = """\
complaintkit: 1
name: incidents
version: "1"
categories: {product: {label: Product}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  - rules: []
    default: {category: product, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: chen.jing}}
"""


def incident_policy(*batches: str) -> str:
    """The policy's YAML with ``batches``, each a flow mapping (``{key: product, min_cases:
    3, window_hours: 48}``), as its ``incidents.batches`` rules."""
    return _VOCABULARY + "incidents:\n  batches:\n" + "".join(f"    - {b}\n" for b in batches)
