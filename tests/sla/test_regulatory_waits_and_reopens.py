"""The regulatory packs' deadlines where the other oracles do not go: a case reopened
after a resolution (its clock carries on with the time it had left), a wait on the
customer or a lab across a holiday or a DST change under each pack's own pause rules,
extensions, and receipts on holidays, 调休 days and at 23:59:59. Every expected instant
is counted by hand from the rule quoted beside it; hypothesis checks what holds always.

Hand counts use China's 2026 arrangement (国庆 1-7 Oct, make-up Saturday 10 Oct; 春节
15-23 Feb, make-up Saturdays 14 and 28 Feb), London's change to GMT on 25 October 2026
and New York's to EST on 1 November 2026."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"
FEW = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))

Step = tuple[str, Callable[[Desk, str], object]]


@cache
def _pack(name: str) -> Policy:
    return load_policy(REGULATORY / name)


def _run(
    pack: str, received: str, steps: tuple[Step, ...] = (), **attributes: Any
) -> dict[str, str | None]:
    """Each metric's due instant after ``steps``, in UTC."""
    clock = ManualClock(datetime.fromisoformat(received))
    desk = Desk(_pack(pack), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W-1",
            "received_at": received,
            "customer": {"id": "c-1"},
            "text": "退款没有到账 refund missing",
            "attributes": attributes,
        }
    )
    for at, act in steps:
        clock.set(datetime.fromisoformat(at))
        act(desk, case.id)
    metrics = desk.get(case.id).clocks.metrics
    return {
        name: None if s.due_at is None else s.due_at.astimezone(UTC).isoformat()
        for name, s in metrics.items()
    }


def _investigate(desk: Desk, case_id: str) -> object:
    return desk.transition(case_id, "investigating", actor="office")


def _wait_customer(desk: Desk, case_id: str) -> object:
    return desk.transition(case_id, "waiting_on_customer", actor="office")


def _lab(desk: Desk, case_id: str) -> object:
    return desk.transition(case_id, "waiting_on_third_party", actor="office")


def _resolve(desk: Desk, case_id: str) -> object:
    return desk.resolve(case_id, "final response sent", actor="office")


def _reopen(desk: Desk, case_id: str) -> object:
    return desk.reopen(case_id, actor="office", reason="the customer wrote again")


def _respond(desk: Desk, case_id: str) -> object:
    return desk.respond(case_id, "In progress", actor="office")


def _record(kind: str) -> Callable[[Desk, str], object]:
    return lambda desk, case_id: desk.record_event(case_id, kind, actor="office")


# --- a reopened case: the clock carries on with the days it had left ---------------------


def test_fca_eight_weeks_carried_over_the_autumn_change_are_counted_in_days() -> None:
    # DISP 1.6.2R, "by the end of eight weeks after its receipt"; a reopened case's
    # resolution clock carries on (reopen: resume) with the time it had left.
    # Received Tue 1 Sep 2026 23:30 BST: the eight weeks run out on Tue 27 Oct at 23:30.
    # Resolved Sat 10 Oct 23:30 BST: 39 days used, 17 days left. Reopened Fri 30 Oct
    # 23:30 GMT: 17 days on is Mon 16 Nov 23:30, so the period ends at 24:00 on 16 Nov
    # (2026-11-17T00:00Z), not a day later because 10 Oct to 27 Oct held a 25-hour day.
    found = _run(
        "fca-disp.yaml",
        "2026-09-01T23:30:00+01:00",
        (
            ("2026-09-02T10:00:00+01:00", _investigate),
            ("2026-10-10T23:30:00+01:00", _resolve),
            ("2026-10-30T23:30:00+00:00", _reopen),
        ),
    )
    assert found["disp_response"] == "2026-11-17T00:00:00+00:00"
    assert found["resolution"] == "2026-11-17T00:00:00+00:00"


def test_fca_reopened_in_the_same_season_keeps_its_days() -> None:
    # Received Mon 2 Mar 2026 10:00 GMT, ends 24:00 BST on Mon 27 Apr without a stop.
    # Resolved Fri 6 Mar 10:00 (4 days used, 52 left), reopened Fri 13 Mar 10:00 GMT:
    # 52 days on is Mon 4 May 10:00 BST, ending at 24:00 BST (2026-05-04T23:00Z).
    found = _run(
        "fca-disp.yaml",
        "2026-03-02T10:00:00+00:00",
        (
            ("2026-03-03T10:00:00+00:00", _investigate),
            ("2026-03-06T10:00:00+00:00", _resolve),
            ("2026-03-13T10:00:00+00:00", _reopen),
        ),
    )
    assert found["resolution"] == "2026-05-04T23:00:00+00:00"


def test_cfpb_sixty_days_carried_over_the_autumn_change_are_counted_in_days() -> None:
    # Portal Manual, 60 calendar days (no date sent: from receipt). Received Sun 20 Sep
    # 2026 23:30 EDT: day 60 is Thu 19 Nov. Resolved Tue 20 Oct 23:30 EDT: 30 days used,
    # 30 left; reopened Thu 5 Nov 23:30 EST: 30 days on is Sat 5 Dec 23:30, so 24:00 on
    # 5 Dec (2026-12-06T05:00Z). The 15 days start afresh at the reopening (a new cycle):
    # 5 Nov + 15 days is 20 Nov, ending at 24:00 EST (2026-11-21T05:00Z).
    found = _run(
        "cfpb.yaml",
        "2026-09-20T23:30:00-04:00",
        (
            ("2026-09-21T10:00:00-04:00", _respond),
            ("2026-09-22T10:00:00-04:00", _investigate),
            ("2026-10-20T23:30:00-04:00", _resolve),
            ("2026-11-05T23:30:00-05:00", _reopen),
        ),
    )
    assert found["resolution"] == "2026-12-06T05:00:00+00:00"
    assert found["first_response"] == "2026-11-21T05:00:00+00:00"


def test_psd2_reopened_after_a_holding_reply_keeps_the_35_business_days_left() -> None:
    # reg. 101(3): received Mon 2 Mar 2026 10:00 GMT; a holding reply on Mon 16 Mar makes
    # it 35 business days, counted in business hours from receipt: 7h on 2 Mar + 35 x 8h =
    # 287h, the 35th day being Wed 22 Apr (Good Friday 3 Apr, Easter Monday 6 Apr off).
    # Resolved Fri 20 Mar 17:00: 7h + 14 days x 8h = 119h used, 168h = 21 days left.
    # Reopened Mon 23 Mar 09:00 (the weekend was not business time): 23-27 Mar (5), 30 Mar-
    # 2 Apr (9), 7-10 Apr (13), 13-17 Apr (18), 20-22 Apr (21): again 24:00 BST on 22 Apr.
    found = _run(
        "psd2-art101.yaml",
        "2026-03-02T10:00:00+00:00",
        (
            ("2026-03-16T10:00:00+00:00", _record("holding_reply")),
            ("2026-03-17T10:00:00+00:00", _investigate),
            ("2026-03-20T17:00:00+00:00", _resolve),
            ("2026-03-23T09:00:00+00:00", _reopen),
        ),
    )
    assert found["resolution"] == "2026-04-22T23:00:00+00:00"


# --- a wait under the pack's own pause rules ----------------------------------------------


def test_samr_testing_across_the_mid_autumn_and_national_day_holidays_does_not_count() -> None:
    # 第二十一条(五) 45 working days from acceptance; 第二十条 testing time does not count.
    # Working hours 09:00-12:00, 13:30-17:30 (7h). Accepted Tue 22 Sep 2026 10:00; budget
    # 6h + 45 x 7h = 321h. Used before the lab: 22 Sep 6h, 23-24 Sep 14h (Fri 25 Sep is
    # 中秋), 28 Sep 7h, 29 Sep 09:00-12:00 3h = 30h; 291h = 4h + 41 days left. Back from
    # the lab Fri 9 Oct 12:00 (国庆 1-7 Oct passed during the test): 13:30-17:30 uses the
    # 4h; then Sat 10 Oct (调休, 1), 12 Oct-4 Dec (41st): Fri 4 Dec 17:30.
    found = _run(
        "samr-complaints.yaml",
        "2026-09-21T10:00:00+08:00",
        (
            ("2026-09-22T10:00:00+08:00", _record("acceptance_decided")),
            ("2026-09-22T11:00:00+08:00", _investigate),
            ("2026-09-29T12:00:00+08:00", _lab),
            ("2026-10-09T12:00:00+08:00", _investigate),
        ),
    )
    assert found["mediation"] == "2026-12-04T09:30:00+00:00"
    # 第十四条: acceptance was decided on the second working day; nothing is left to decide
    assert found["acceptance"] is None


@pytest.mark.parametrize(
    ("pack", "received", "metric", "due"),
    [
        # DISP 1.6.2R: 8 weeks from Thu 15 Oct 2026 end at 24:00 GMT on Thu 10 Dec
        (
            "fca-disp.yaml",
            "2026-10-15T10:00:00+01:00",
            "disp_response",
            "2026-12-11T00:00:00+00:00",
        ),
        # reg. 101(2): Mon 19 Oct + 15 business days is Mon 9 Nov, 24:00 GMT
        (
            "psd2-art101.yaml",
            "2026-10-19T10:00:00+01:00",
            "resolution",
            "2026-11-10T00:00:00+00:00",
        ),
        # Portal Manual: 60 days from Thu 15 Oct 2026 is Mon 14 Dec, 24:00 EST
        ("cfpb.yaml", "2026-10-15T10:00:00-04:00", "resolution", "2026-12-15T05:00:00+00:00"),
    ],
)
def test_waiting_on_the_customer_across_the_autumn_change_stops_no_regulator_clock(
    pack: str, received: str, metric: str, due: str
) -> None:
    # DISP 1.6.2R, reg. 101 and the Portal Manual know no pause (pause_in: []): a wait
    # from before the change to GMT / EST to after it leaves each deadline where it was.
    day = datetime.fromisoformat(received)
    found = _run(
        pack,
        received,
        (
            ((day + timedelta(hours=1)).isoformat(), _respond),
            ((day + timedelta(hours=2)).isoformat(), _investigate),
            ((day + timedelta(days=6)).isoformat(), _wait_customer),
            ((day + timedelta(days=24)).isoformat(), _investigate),
        ),
    )
    assert found[metric] == due


# --- receipts on a holiday, a make-up day and at 23:59:59 ------------------------------------


@pytest.mark.parametrize(
    ("received", "report_check"),
    [
        # 行政处罚程序规定 第十八条, 15 working days; 民法典 art. 201, the day of receipt does
        # not count. On the make-up Saturday 14 Feb 2026 (a working day): Mon 16 Feb starts
        # 春节 (15-23 Feb), so 24-27 Feb (1-4), Sat 28 Feb 调休 (5), 2-6 Mar (6-10),
        # 9-13 Mar (11-15): Fri 13 Mar 17:30.
        ("2026-02-14T10:00:00+08:00", "2026-03-13T09:30:00+00:00"),
        # On Sun 15 Feb, the first day of 春节: the same count (the 14th was worked)
        ("2026-02-15T10:00:00+08:00", "2026-03-13T09:30:00+00:00"),
        # At 23:59:59 on Fri 9 Oct: Sat 10 Oct 调休 (1), 12-16 Oct (2-6), 19-23 (7-11),
        # 26-29 Oct (12-15): Thu 29 Oct 17:30
        ("2026-10-09T23:59:59+08:00", "2026-10-29T09:30:00+00:00"),
        # On the make-up Saturday 10 Oct itself: 12 Oct (1) to Fri 30 Oct (15)
        ("2026-10-10T08:00:00+08:00", "2026-10-30T09:30:00+00:00"),
    ],
)
def test_samr_report_check_from_a_holiday_a_make_up_day_and_the_last_second(
    received: str, report_check: str
) -> None:
    found = _run("samr-complaints.yaml", received, kind="report")
    assert found["report_check"] == report_check


def test_fca_three_business_days_from_a_receipt_at_23_59_59_on_a_bank_holiday_eve() -> None:
    # DISP 1.5.1: close of business on the third business day following the day of
    # receipt. Thu 2 Apr 2026 23:59:59 BST: Good Friday and Easter Monday are not business
    # days, so Tue 7, Wed 8, Thu 9 Apr: 17:00 BST on 9 April.
    found = _run("fca-disp.yaml", "2026-04-02T23:59:59+01:00")
    assert found["summary_resolution"] == "2026-04-09T16:00:00+00:00"


# --- what holds always --------------------------------------------------------------------

PACKS = {
    "samr-complaints.yaml": ("acceptance", "Asia/Shanghai"),
    "fca-disp.yaml": ("disp_response", "Europe/London"),
    "psd2-art101.yaml": ("resolution", "Europe/London"),
    "cfpb.yaml": ("resolution", "America/New_York"),
}
MINUTES_2026 = st.integers(0, 365 * 24 * 60)
START = datetime(2026, 1, 1, tzinfo=UTC)


@FEW
@given(st.sampled_from(sorted(PACKS)), MINUTES_2026, st.integers(0, 3 * 24 * 60))
def test_a_later_receipt_never_gets_an_earlier_deadline(pack: str, at: int, later: int) -> None:
    # none of the packs rolls an exact end forward, so the deadline is monotone in receipt
    metric = PACKS[pack][0]
    first = START + timedelta(minutes=at)
    second = first + timedelta(minutes=later)
    early = _run(pack, first.isoformat())[metric]
    late = _run(pack, second.isoformat())[metric]
    assert early is not None
    assert late is not None
    assert datetime.fromisoformat(early) <= datetime.fromisoformat(late)


def _mediation_after(pause: int, length: int | None) -> datetime:
    """SAMR mediation's due instant when testing starts ``pause`` minutes after acceptance
    (Thu 24 Sep 2026 10:00, the eve of 中秋 and a week before 国庆) and lasts ``length``
    minutes (None: no testing)."""
    accepted = datetime(2026, 9, 24, 2, tzinfo=UTC)
    sent = accepted + timedelta(minutes=pause)
    steps: list[Step] = [
        (accepted.isoformat(), _record("acceptance_decided")),
        (accepted.isoformat(), _investigate),
    ]
    if length is not None:
        steps += [
            (sent.isoformat(), _lab),
            ((sent + timedelta(minutes=length)).isoformat(), _investigate),
        ]
    due = _run("samr-complaints.yaml", "2026-09-23T10:00:00+08:00", tuple(steps))["mediation"]
    assert due is not None
    return datetime.fromisoformat(due)


@FEW
@given(st.integers(0, 20 * 24 * 60), st.integers(0, 20 * 24 * 60), st.integers(0, 20 * 24 * 60))
def test_samr_mediation_is_monotone_in_the_testing_time(pause: int, short: int, more: int) -> None:
    # 第二十条: testing time does not count, so longer testing never ends mediation
    # sooner, and testing of no length changes nothing
    assert _mediation_after(pause, short) <= _mediation_after(pause, short + more)
    assert _mediation_after(pause, 0) == _mediation_after(pause, None)


# --- a decision made once stays made -------------------------------------------------------


def test_samr_reopened_complaint_is_not_overdue_for_an_acceptance_already_decided() -> None:
    # 第十四条: the office decides on acceptance once, within 7 working days. A complaint
    # accepted on Tue 3 Mar 2026, resolved on 20 Mar and reopened on 23 Mar has nothing
    # left to accept (the pack's acceptance clock: reopen: keep), so no 受理超期 follows.
    clock = ManualClock(datetime.fromisoformat("2026-03-02T10:00:00+08:00"))
    desk = Desk(_pack("samr-complaints.yaml"), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "R-1",
            "received_at": "2026-03-02T10:00:00+08:00",
            "customer": {"id": "c-1"},
            "text": "电水壶漏电",
        }
    )
    steps: tuple[Step, ...] = (
        ("2026-03-03T10:00:00+08:00", _record("acceptance_decided")),
        ("2026-03-03T11:00:00+08:00", _investigate),
        ("2026-03-20T10:00:00+08:00", _resolve),
        ("2026-03-23T10:00:00+08:00", _reopen),
    )
    for at, act in steps:
        clock.set(datetime.fromisoformat(at))
        act(desk, case.id)
    assert desk.get(case.id).clocks.metrics["acceptance"].due_at is None
    clock.set(datetime.fromisoformat("2026-04-20T10:00:00+08:00"))
    desk.tick()
    assert "受理超期" not in desk.get(case.id).tags
    breached = [e.data["metric"] for e in desk.history(case.id) if e.kind == "sla_breached"]
    assert breached == []
