"""The SAMR pack owes a reporter who gave their name (实名举报) a notice within 5 working days
of the decision on the report (暂行办法 第三十一条第二款). A form, a CSV export or an agent
writes whether they did as it pleases — ``是``, ``有``, ``实名``, ``True`` — where the pack read
only ``true``: ``real_name: 是`` got no notice clock and no overdue tag, with nothing said.
The Chinese and English yes and no are read; a value that is neither is tagged
``实名待确认`` so the office records it, rather than silently owing nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy

SAMR = load_policy(Path(__file__).parents[2] / "policies" / "regulatory" / "samr-complaints.yaml")
RECEIVED = datetime.fromisoformat("2026-03-02T10:00:00+08:00")  # Monday
DECIDED = datetime.fromisoformat("2026-03-10T10:00:00+08:00")  # Tuesday
#: 5 working days after Tuesday 10 March: 11, 12, 13, 16, 17 March, at the close
NOTICE_DUE = datetime.fromisoformat("2026-03-17T17:30:00+08:00")
UNSURE = "实名待确认"


def decided(real_name: object) -> Case:
    clock = ManualClock(RECEIVED)
    desk = Desk(SAMR, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "samr-1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "c-1"},
            "text": "举报某超市销售过期食品",
            "attributes": {"kind": "举报", "real_name": real_name},
        }
    )
    clock.set(DECIDED)
    return desk.record_event(case.id, "report_decided", actor="office")


def notice_due(case: Case) -> datetime | None:
    state = case.clocks.metrics.get("reporter_notice")
    return None if state is None else state.due_at


@pytest.mark.parametrize(
    "written", [True, "true", " True ", "是", " 是 ", "有", "实名", "实名举报", "yes", "Y"]
)
def test_a_named_reporter_however_written_is_owed_the_notice(written: object) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (NOTICE_DUE, False)


@pytest.mark.parametrize("written", [False, "false", "否", "无", "匿名", "no", "N", " 否 "])
def test_an_anonymous_reporter_however_written_is_owed_none(written: object) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (None, False)


@pytest.mark.parametrize("written", [1, "1", "maybe", "不详", "", "是否"])
def test_a_value_neither_yes_nor_no_is_tagged_for_the_office(written: object) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (None, True)


def test_a_complaint_is_never_tagged_for_a_reporter_name() -> None:
    clock = ManualClock(RECEIVED)
    desk = Desk(SAMR, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "samr-2",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "c-2"},
            "text": "网购的电水壶漏电",
            "attributes": {"real_name": "不详"},
        }
    )
    assert UNSURE not in case.tags
