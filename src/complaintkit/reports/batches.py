"""Batch detection: many complaints about one product, batch or SKU in a short window.

A batch is the recall trigger of the domain (召回): at least ``min_cases`` cases whose
complaint names the same key value, each within ``window_hours`` of the one ``min_cases - 1``
before it. ``detect_batches`` finds them in stored cases for a report;
:mod:`complaintkit.desk.batches` watches intake and flags the case that completes one.
"""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource, batch_attribute

#: Case ids kept per batch in a report; the count is always exact.
MAX_IDS = 100


def _key(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    batch_attribute(value)


@attrs.frozen
class BatchRule:
    key: str = attrs.field(default="product", validator=_key)
    min_cases: int = 3
    window_hours: float = 72

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.window_hours)


@attrs.frozen
class Batch:
    """Cases about one key value close together in time; ``case_ids`` oldest first."""

    key: str
    value: str
    count: int
    first_at: datetime
    last_at: datetime
    case_ids: tuple[str, ...]
    min_cases: int
    window_hours: float

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "count": self.count,
            "first_at": self.first_at.isoformat(),
            "last_at": self.last_at.isoformat(),
            "case_ids": list(self.case_ids),
            "min_cases": self.min_cases,
            "window_hours": self.window_hours,
        }


def detect_batches(source: ReportSource, rule: BatchRule, scope: Scope) -> list[Batch]:
    """Every batch in scope, by key value then time. Memory: one window per value."""
    batches: list[Batch] = []
    value: str | None = None
    recent: deque[tuple[datetime, str]] = deque()
    run: list[tuple[datetime, str]] = []
    count = 0

    def close() -> None:
        if count and value is not None:
            ids = tuple(case_id for _, case_id in run[:MAX_IDS])
            batches.append(
                Batch(
                    rule.key, value, count, run[0][0], last, ids, rule.min_cases, rule.window_hours
                )
            )

    last = datetime.min.replace(tzinfo=UTC)
    for current, opened, case_id in source.arrivals(rule.key, scope):
        if current != value:
            close()
            value, count, run = current, 0, []
            recent.clear()
        recent.append((opened, case_id))
        while opened - recent[0][0] > rule.window:
            recent.popleft()
        if len(recent) >= rule.min_cases:
            if not count:
                run = list(recent)
                count = len(recent)
            else:
                run.append((opened, case_id))
                count += 1
            last = opened
        elif count:
            close()
            count, run = 0, []
    close()
    return batches
