"""Structured traces for ``complaintkit explain``: one block per section, composable.

Each section that can explain itself returns :class:`ExplainBlock` objects; the policy
strings them together in section order. A block carries both the human text and the JSON
shape, so the CLI's two outputs never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from complaintkit.policy.operators import render_output
from complaintkit.policy.tables import TableTrace


@attrs.frozen
class ExplainBlock:
    """One section's account of a record: a title, readable lines and the same as data."""

    section: str
    title: str
    lines: tuple[str, ...]
    data: Mapping[str, Any]

    def __str__(self) -> str:
        return "\n".join((self.title, *(f"  {line}" for line in self.lines)))

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "title": self.title, **self.data}


@attrs.frozen
class Explanation:
    """Every block for one complaint, in section order, plus the final outcome."""

    policy: str
    blocks: tuple[ExplainBlock, ...]
    outcome: Mapping[str, Any]

    def __str__(self) -> str:
        outcome = "\n".join(
            ["outcome:", *(f"  {k}: {render_output(v)}" for k, v in self.outcome.items())]
        )
        return "\n\n".join([f"policy {self.policy}", *(str(b) for b in self.blocks), outcome])

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "blocks": [b.to_json() for b in self.blocks],
            "outcome": dict(self.outcome),
        }


def _plain(value: object) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset):
        return [_plain(v) for v in value]
    return value if isinstance(value, str | int | float | bool | None) else str(value)


def table_block(section: str, trace: TableTrace) -> ExplainBlock:
    """A rule table's trace: every row in order, matched or the first failing condition."""
    rows = [
        {
            "id": t.row.id,
            "path": t.row.path,
            "source": t.row.source,
            "matched": t.matched,
            "condition": t.row.describe(),
            "failed": t.reason,
            "found": [word.to_json() for word in t.found],
        }
        for t in trace.rows
    ]
    outputs = {} if trace.result is None else _plain(trace.result.outputs)
    selected = [] if trace.result is None else [r.id for r in trace.result.rows]
    lines = []
    for t in trace.rows:
        mark = "✓" if t.matched else "✗"
        condition = t.row.describe()
        source = f"  [{t.row.source}]" if t.row.source else ""
        lines.append(f"{mark} {t.row.id}  when {condition}{source}")
        if t.found:
            lines.append(f"    found: {', '.join(map(str, t.found))}")
        if t.reason:
            # the whole condition failing reads better as just the reason
            prefix = f"{condition} was false ("
            reason = t.reason
            if reason.startswith(prefix) and reason.endswith(")"):
                reason = reason[len(prefix) : -1]
            lines.append(f"    failed: {reason}")
    lines.append(f"=> {trace.outcome}")
    return ExplainBlock(
        section,
        f"{trace.table} (hit policy {trace.hit_policy})",
        tuple(lines),
        {
            "table": trace.table,
            "hit_policy": trace.hit_policy,
            "rows": rows,
            "selected": selected,
            "used_default": bool(trace.result and trace.result.used_default),
            "outputs": outputs,
            "outcome": trace.outcome,
        },
    )
