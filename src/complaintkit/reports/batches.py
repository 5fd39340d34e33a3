"""Batch detection: many complaints about one product, batch or SKU in a short window.

A batch is the recall trigger of the domain (召回): at least ``min_cases`` cases whose
complaint names the same key value, each within ``window_hours`` of the one ``min_cases - 1``
before it. ``detect_batches`` finds them in stored cases for a report; ``BatchWatcher``
watches intake and records an ``incident_detected`` event on the case that completes a batch,
so notifiers pick it up through the ordinary ``case_event`` hook.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource, batch_attribute

if TYPE_CHECKING:
    from complaintkit.desk import Desk

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


class BatchWatcher:
    """A plugin that flags a batch the moment its ``min_cases``-th case is opened.

    Register it on the Desk's plugin manager: ``desk.plugins.pm.register(BatchWatcher(desk,
    source, rules))``. It fires once per batch (when the count reaches the threshold), not
    for every later case of the same batch.
    """

    def __init__(self, desk: Desk, source: ReportSource, rules: Sequence[BatchRule]) -> None:
        self.desk = desk
        self.source = source
        self.rules = tuple(rules)

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        if event.kind != "opened":
            return
        for rule in self.rules:
            attribute = batch_attribute(rule.key)
            raw = (
                case.complaint.product
                if attribute is None
                else case.complaint.attributes.get(attribute)
            )
            if raw is None:
                continue
            scope = Scope(
                since=case.opened_at - rule.window,
                until=case.opened_at + timedelta(seconds=1),
                product=str(raw) if attribute is None else None,
            )
            recent = [
                (opened, case_id)
                for value, opened, case_id in self.source.arrivals(rule.key, scope)
                if value == str(raw)
            ]
            if len(recent) == rule.min_cases:
                batch = Batch(
                    rule.key,
                    str(raw),
                    len(recent),
                    recent[0][0],
                    recent[-1][0],
                    tuple(i for _, i in recent),
                    rule.min_cases,
                    rule.window_hours,
                )
                self.desk.flag_incident(case.id, batch.to_json())
