"""Who is late: open cases by their soonest running deadline, and totals per owner or team.

A manager's first question is not how many complaints came in but which promises are about
to break and whose desk they sit on. Each open case is placed by its soonest running SLA
clock: *late* when that deadline has passed, *due soon* when it falls inside the window
asked for. Paused and stopped clocks promise nothing and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import attrs

from complaintkit.graphemes import shortened
from complaintkit.model.case import Case

Group = Literal["owner", "team"]
GROUPS: tuple[Group, ...] = ("owner", "team")
#: The most code points of its text that name a case without a subject.
SUBJECT_LENGTH = 40


@attrs.frozen
class OpenItem:
    """One open case and the deadline that comes first."""

    case_id: str
    owner: str | None
    team: str | None
    status: str
    subject: str
    metric: str | None
    due_at: datetime | None
    late_by: timedelta | None  # how long ago the deadline passed; None when not late

    @property
    def late(self) -> bool:
        return self.late_by is not None

    @property
    def late_by_hours(self) -> float:
        return 0.0 if self.late_by is None else self.late_by.total_seconds() / 3600

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "owner": self.owner,
            "team": self.team,
            "status": self.status,
            "subject": self.subject,
            "metric": self.metric,
            "due_at": None if self.due_at is None else self.due_at.isoformat(),
            # to four places, as the durations: 10 seconds late is 0.0028, not 0.0
            "late_by_hours": None if self.late_by is None else round(self.late_by_hours, 4),
        }


@attrs.frozen
class Workload:
    """Open cases of one owner or team: how many, how many late, how many due soon."""

    name: str | None
    open: int
    late: int
    due_soon: int

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


def soonest_deadline(case: Case) -> tuple[str, datetime] | None:
    """The running clock due first, as (metric, due instant)."""
    running = [
        (state.due_at, metric)
        for metric, state in case.clocks.metrics.items()
        if state.state == "running" and state.due_at is not None
    ]
    if not running:
        return None
    due, metric = min(running)
    return metric, due


def item_subject(subject: str | None, text: str) -> str:
    """How an item names its case: its subject, else its text's first whole characters
    within ``SUBJECT_LENGTH`` code points, and "…" when the text goes on."""
    return subject or shortened(text, SUBJECT_LENGTH)


def open_items(cases: Iterable[Case], now: datetime) -> list[OpenItem]:
    """Every open case, most overdue first, then by the deadline coming soonest."""
    items = []
    for case in cases:
        if not case.is_open:
            continue
        soonest = soonest_deadline(case)
        metric, due = soonest if soonest is not None else (None, None)
        items.append(
            OpenItem(
                case.id,
                case.owner,
                case.team,
                case.status.value,
                item_subject(case.complaint.subject, case.complaint.text),
                metric,
                due,
                None if due is None or due >= now else now - due,
            )
        )
    never = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(items, key=lambda i: (i.due_at or never, i.case_id))


def due_within(items: Iterable[OpenItem], now: datetime, window: timedelta) -> list[OpenItem]:
    """The items not yet late whose deadline falls before ``now + window``."""
    until = horizon(now, window)
    return [i for i in items if i.due_at is not None and not i.late and i.due_at <= until]


def horizon(now: datetime, window: timedelta) -> datetime:
    """``window`` of real time after ``now``, reckoned in UTC: on a zoned clock's wall it
    would be an hour short or long across a change of the clocks."""
    return now.astimezone(UTC) + window


def workload(
    items: Iterable[OpenItem], by: Group, now: datetime, window: timedelta
) -> list[Workload]:
    """Totals per owner or team, the most late first."""
    rows: dict[str | None, list[int]] = {}
    until = horizon(now, window)
    for item in items:
        row = rows.setdefault(getattr(item, by), [0, 0, 0])
        row[0] += 1
        row[1] += item.late
        row[2] += item.due_at is not None and not item.late and item.due_at <= until
    return sorted(
        (Workload(name, *counts) for name, counts in rows.items()),
        key=lambda w: (-w.late, -w.due_soon, -w.open, w.name or ""),
    )
