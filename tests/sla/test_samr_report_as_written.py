"""The SAMR pack tells a 举报 (report) from a 投诉 (complaint) by ``attributes.kind``, which
an export or a form writes as it pleases: ``Report``, ``REPORT``, `` 举报 ``. Read only as
``report`` or ``举报`` exactly, such a report was taken for a complaint: it got the 7
working days to be accepted and no check period at all, so a report left unchecked for
15 working days was never overdue."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

SAMR = load_policy(Path(__file__).parents[2] / "policies" / "regulatory" / "samr-complaints.yaml")
RECEIVED = "2026-11-02T10:00:00+08:00"  # Monday
#: 15 working days after Monday 2 November 2026: Monday 23 November, at the close
CHECKED_BY = datetime.fromisoformat("2026-11-23T17:30:00+08:00")


def metrics(kind: object) -> dict[str, datetime | None]:
    desk = Desk(SAMR, storage="memory:", clock=ManualClock(datetime.fromisoformat(RECEIVED)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "samr-1",
            "received_at": RECEIVED,
            "customer": {"id": "c-1"},
            "text": "举报某超市销售过期食品",
            "attributes": {"kind": kind},
        }
    )
    return {name: clock.due_at for name, clock in case.clocks.metrics.items()}


@pytest.mark.parametrize("kind", ["report", "Report", "REPORT", " report ", "举报", " 举报 "])
def test_a_report_however_written_is_checked_within_15_working_days(kind: str) -> None:
    due = metrics(kind)
    assert due.get("report_check") == CHECKED_BY
    assert "acceptance" not in due


@pytest.mark.parametrize("kind", ["complaint", "投诉", "reporting error", None])
def test_anything_else_is_a_complaint_to_be_accepted(kind: object) -> None:
    due = metrics(kind)
    assert "report_check" not in due
    assert due["acceptance"] is not None
