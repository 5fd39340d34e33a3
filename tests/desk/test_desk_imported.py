"""History import: a complaint with ``history`` opens a case back-dated to its real times."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.history import StoredHistory
from complaintkit.desk.taken import Taken
from complaintkit.errors import InvalidInput
from complaintkit.model.audit import verify_chain
from complaintkit.model.clocks import Clocks
from complaintkit.model.complaint import Complaint
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy, load_policy

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
RECEIVED = "2026-01-05T10:00:00+08:00"


@functools.cache
def supermarket() -> tuple[Plugins, Policy]:
    """The supermarket policy compiled once, and the plugins it was compiled with: every
    Desk here shares both (frozen values) instead of compiling the policy for each."""
    plugins = Plugins()
    return plugins, load_policy("policies/retail/supermarket.yaml", plugins)


def supermarket_desk(clock: ManualClock) -> Desk:
    plugins, policy = supermarket()
    return Desk(policy, clock=clock, plugins=plugins)


@pytest.fixture
def desk() -> Desk:
    return supermarket_desk(ManualClock(NOW))


def _complaint(external_id: str = "1", **history: Any) -> dict[str, Any]:
    return {
        "channel": "old-desk",
        "external_id": external_id,
        "received_at": RECEIVED,
        "customer": {"id": "C1"},
        "text": "the bread was damaged",
        "history": history,
    }


def test_a_case_imported_closed_keeps_its_real_times_and_starts_no_clock(desk: Desk) -> None:
    case = desk.intake(
        _complaint(
            status="closed",
            first_response_at="2026-01-05T12:00:00+08:00",
            resolved_at="2026-01-06T10:00:00+08:00",
            closed_at="2026-01-07T10:00:00+08:00",
            owner="li.na",
            outcome="refunded",
        )
    )
    assert case.opened_at == datetime.fromisoformat(RECEIVED)
    assert case.first_response_at == datetime.fromisoformat("2026-01-05T12:00:00+08:00")
    assert case.resolved_at == datetime.fromisoformat("2026-01-06T10:00:00+08:00")
    assert (case.status, case.owner, case.resolution) == (Status.CLOSED, "li.na", "refunded")
    assert (case.clocks, case.next_deadline) == (Clocks(), None)
    assert desk.tick().events == 0


def test_every_imported_event_is_marked_and_chained(desk: Desk) -> None:
    case = desk.intake(_complaint(status="resolved", resolved_at="2026-01-06T10:00:00+08:00"))
    events = desk.history(case.id)
    assert all(e.data["imported"] is True for e in events)
    assert verify_chain(case.id, events) is None
    assert replay(events).to_json() == desk.get(case.id).to_json()
    assert max(e.at for e in events) < NOW


def test_a_case_imported_open_runs_its_clocks_from_its_real_times(desk: Desk) -> None:
    case = desk.intake(_complaint(status="investigating"))
    received = datetime.fromisoformat(RECEIVED)
    assert case.clocks.metrics["first_response"].started_at == received
    due = case.clocks.metrics["first_response"].due_at
    assert due == received + timedelta(hours=4)  # high priority: 4h
    assert desk.tick().breaches == 2  # first response and resolution, months ago
    assert desk.get(case.id).clocks.metrics["first_response"].breached_at == due


def test_a_recorded_sla_outcome_is_the_clock_outcome(desk: Desk) -> None:
    late = desk.intake(_complaint("late", status="closed", sla={"first_response": "no"}))
    timely = desk.intake(_complaint("ok", status="closed", sla={"first_response": "yes"}))
    assert late.clocks.metrics["first_response"].outcome == "breached"
    assert late.clocks.metrics["first_response"].breached_at is not None
    assert timely.clocks.metrics["first_response"].outcome == "met"
    assert timely.clocks.metrics["first_response"].recorded is True


def test_importing_twice_opens_one_case(desk: Desk) -> None:
    first = desk.intake(_complaint(status="closed"))
    assert desk.intake(_complaint(status="closed")).id == first.id
    assert len(desk.find()) == 1


def test_a_recorded_time_before_the_complaint_is_refused_naming_it(desk: Desk) -> None:
    with pytest.raises(InvalidInput, match=r"history\.resolved_at.*before received_at"):
        desk.intake(_complaint(resolved_at="2025-12-31T10:00:00+08:00"))
    with pytest.raises(
        InvalidInput, match=r"history\.closed_at: 9999-12-31.* is outside the years"
    ):
        desk.intake(_complaint(closed_at="9999-12-31T23:00:00+00:00"))
    with pytest.raises(InvalidInput, match=r"history\.sla\.first_response"):
        desk.intake(_complaint(sla={"first_response": "maybe"}))
    assert desk.find() == []


@pytest.mark.parametrize(
    ("history", "field"),
    [
        ({"owner": "x" * 257}, "history.owner"),
        ({"owner": "li.na", "team": "t" * 257}, "history.team"),
        ({"response": "x" * 100_001}, "history.response"),
        ({"outcome": "x" * 100_001}, "history.outcome"),
        ({"sla": {"m" * 257: "yes"}}, "history.sla"),
        ({"sla": {" ": "yes"}}, "history.sla"),
    ],
)
def test_a_recorded_text_out_of_bounds_is_refused_naming_its_field(
    desk: Desk, history: dict[str, Any], field: str
) -> None:
    """An owner becomes the actor of the recorded moves: refused as ``history.owner`` when
    the complaint is read (a file's line), not later as an anonymous ``actor``."""
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(_complaint(status="closed", **history))
    assert refused.value.field == field
    assert desk.find() == []


def test_a_blank_recorded_owner_is_not_recorded(desk: Desk) -> None:
    case = desk.intake(_complaint(status="closed", owner="  "))
    assert case.owner is not None
    assert case.owner.strip()  # the policy's owner, not a blank actor


_HOURS = st.integers(min_value=0, max_value=24 * 30)


#: The recorded instants after which a case is no longer in a status.
_LEFT = {
    status: ()
    if status in (Status.REOPENED, Status.REJECTED, Status.WITHDRAWN, Status.CLOSED)
    else ("closed_at",)
    if status in (Status.RESOLVED, Status.FOLLOW_UP)
    else ("closed_at", "resolved_at", "first_response_at")
    if status is Status.RECEIVED
    else ("closed_at", "resolved_at")
    for status in Status
}


@settings(max_examples=50, deadline=None)
@given(
    gaps=st.lists(st.one_of(st.none(), _HOURS), min_size=3, max_size=3),
    status=st.sampled_from([None, *Status]),
    timely=st.dictionaries(st.sampled_from(["first_response", "resolution"]), st.booleans()),
)
def test_any_ordered_record_imports_to_a_chained_history_that_rebuilds_the_case(
    gaps: list[int | None], status: Status | None, timely: dict[str, bool]
) -> None:
    desk = supermarket_desk(ManualClock(NOW))
    at, record = datetime.fromisoformat(RECEIVED), {}
    for name, gap in zip(("first_response_at", "resolved_at", "closed_at"), gaps, strict=True):
        if gap is not None:
            at += timedelta(hours=gap)
            record[name] = at.isoformat()
    complaint = _complaint(status=status and status.value, sla=timely, **record)
    if status is not None and any(name in record for name in _LEFT[status]):
        with pytest.raises(InvalidInput) as refused:  # its times say it left that status
            desk.intake(complaint)
        assert refused.value.field == "history.status"
        return
    case = desk.intake(complaint)
    events = desk.history(case.id)
    assert verify_chain(case.id, events) is None
    assert replay(events).to_json() == case.to_json()
    assert events[0].at == datetime.fromisoformat(RECEIVED)
    assert status is None or case.status is status
    recorded = {
        e.data["metric"]: e.data["clock"]["outcome"]
        for e in events
        if e.kind == "sla_stopped" and e.data["clock"].get("recorded")
    }
    assert recorded == {m: "met" if met else "breached" for m, met in timely.items()}


@pytest.mark.parametrize(
    "history",
    [
        {"closed_at": "2026-01-07T10:00:00+08:00"},
        {"status": "closed"},
        {"status": "rejected"},
        {"status": "closed", "closed_at": "2026-01-07T10:00:00+08:00"},
    ],
)
def test_an_outcome_recorded_without_a_resolution_time_is_the_resolution(
    desk: Desk, history: dict[str, Any]
) -> None:
    case = desk.intake(_complaint(outcome="已退款 refunded", **history))
    assert case.resolution == "已退款 refunded"
    assert case.resolved_at is None  # no time was recorded for it: none is made up
    events = desk.history(case.id)
    assert replay(events).to_json() == desk.get(case.id).to_json()


def test_a_recorded_late_outcome_is_breached_at_the_end_rules_deadline() -> None:
    """CFPB: 15 and 60 days from the date sent end at 24:00 Eastern on their last day."""
    desk = Desk(load_policy("policies/regulatory/cfpb.yaml"), clock=ManualClock(NOW))
    record = {
        "channel": "cfpb",
        "external_id": "3384392",
        "received_at": "2019-09-24T09:00:00-04:00",
        "customer": {"id": "C1"},
        "text": "a debt that is not mine",
        "attributes": {"date_sent_to_company": "2019-09-24"},
        "history": {"status": "closed", "sla": {"first_response": "no", "resolution": "no"}},
    }
    metrics = desk.intake(record).clocks.metrics
    assert metrics["first_response"].breached_at == datetime(2019, 10, 10, 4, tzinfo=UTC)
    assert metrics["resolution"].breached_at == datetime(2019, 11, 24, 5, tzinfo=UTC)


def _by_customer(external_id: str, received_at: str, customer: str = "C1") -> dict[str, Any]:
    complaint = _complaint(external_id, status="closed")
    return {**complaint, "received_at": received_at, "customer": {"id": customer}}


def test_an_older_complaint_imported_later_counts_no_later_case_as_its_past(desk: Desk) -> None:
    """History counted for an imported complaint is the customer's past at its receipt: a
    case opened after it (imported before it, stored or earlier in the same batch) is not
    one of its "complaints in the last 30 days"."""
    desk.intake(_by_customer("later", "2026-01-20T10:00:00+08:00"))
    assert "repeat" not in desk.intake(_by_customer("older", "2026-01-05T10:00:00+08:00")).tags
    assert "repeat" in desk.intake(_by_customer("last", "2026-01-25T10:00:00+08:00")).tags
    batch = [
        _by_customer("b-later", "2026-02-20T10:00:00+08:00", "C2"),
        _by_customer("b-older", "2026-02-01T10:00:00+08:00", "C2"),
    ]
    taken = [t for t in desk.intake_many(batch) if isinstance(t, Taken)]
    assert ["repeat" in t.case.tags for t in taken] == [False, False]


def test_a_recorded_team_without_an_owner_is_kept_with_its_default_owner(desk: Desk) -> None:
    """As a routing row naming only a team: the team's ``default_owner`` handles it."""
    case = desk.intake(_complaint(status="closed", team="store"))
    assert (case.team, case.owner) == ("store", "amy.store")
    elsewhere = desk.intake(_complaint("2", status="closed", team="old-desk-team"))
    assert elsewhere.team == "old-desk-team"
    assert elsewhere.owner is not None


@pytest.mark.parametrize(
    "history",
    [{"outcome": "已退款 refunded"}, {"outcome": "已退款 refunded", "owner": "li.na"}],
)
def test_an_outcome_recorded_alone_is_the_resolution(desk: Desk, history: dict[str, Any]) -> None:
    """No status and no instant: the outcome is still how it ended, not dropped."""
    case = desk.intake(_complaint(**history))
    assert case.resolution == "已退款 refunded"
    assert replay(desk.history(case.id)).to_json() == desk.get(case.id).to_json()


@pytest.mark.parametrize(
    "history", [{"response": "您好"}, {"response": "您好", "status": "closed"}]
)
def test_a_response_recorded_without_its_time_is_kept_and_starts_no_clock_early(
    desk: Desk, history: dict[str, Any]
) -> None:
    """Its text is kept (a note at the last known instant); the first response time, not
    recorded, is not made up."""
    case = desk.intake(_complaint(**history))
    kept = [e for e in desk.history(case.id) if "您好" in str(e.data.get("text"))]
    assert [e.kind for e in kept] == ["noted"]
    assert case.first_response_at is None


def test_a_case_imported_closed_and_reopened_runs_the_clocks_a_reopened_case_runs(
    desk: Desk,
) -> None:
    """Reopened work is live work: a case closed in the previous system and reopened here
    gets the clocks a case closed and reopened here gets, counted from the reopening (it
    started none and so could never breach or escalate)."""
    imported = desk.intake(
        _complaint(
            status="closed",
            first_response_at="2026-01-05T12:00:00+08:00",
            resolved_at="2026-01-06T10:00:00+08:00",
            closed_at="2026-01-07T10:00:00+08:00",
            outcome="refunded",
        )
    )
    here = desk.intake({**_complaint("2"), "received_at": NOW.isoformat(), "history": None})
    desk.respond(here.id, "收到", actor="li.na")
    desk.resolve(here.id, "refunded", actor="li.na")
    desk.follow_up(here.id, 5, actor="li.na")
    desk.close(here.id, actor="li.na")

    def running(case_id: str) -> set[str]:
        clocks = desk.reopen(case_id, actor="li.na", reason="the customer called back").clocks
        states = {metric: clocks.get(metric) for metric in clocks.metrics}
        return {metric for metric, state in states.items() if state and state.state == "running"}

    expected = running(here.id)
    assert expected
    assert running(imported.id) == expected
    reopened = desk.get(imported.id)
    assert reopened.next_deadline is not None
    assert reopened.next_deadline > NOW
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(days=60))
    assert desk.tick().breaches >= 1
    assert any(e.kind == "sla_breached" for e in desk.history(imported.id))


def _open_cases_at(desk: Desk, customer: str, at: str) -> int:
    history = StoredHistory(desk.storage, customer, NOW)
    return history.as_of(datetime.fromisoformat(at)).open_cases()


def test_a_case_imported_withdrawn_later_was_open_before_it_was_withdrawn(desk: Desk) -> None:
    """Answered on the 20th and withdrawn then: on the 10th it was open."""
    desk.intake(_complaint(status="withdrawn", first_response_at="2026-01-20T10:00:00+08:00"))
    assert _open_cases_at(desk, "C1", "2026-01-10T10:00:00+08:00") == 1
    assert _open_cases_at(desk, "C1", "2026-01-21T10:00:00+08:00") == 0


def test_a_case_rejected_live_was_open_before_it_was_rejected() -> None:
    clock = ManualClock(datetime(2026, 1, 5, 2, 0, tzinfo=UTC))
    desk = supermarket_desk(clock)
    live = dict(_complaint(), received_at="2026-01-05T10:00:00+08:00")
    del live["history"]
    case = desk.intake(live)
    clock.advance(timedelta(days=10))
    desk.transition(case.id, Status.REJECTED, actor="li.na", reason="not ours")
    assert _open_cases_at(desk, "C1", "2026-01-10T10:00:00+08:00") == 1
    assert _open_cases_at(desk, "C1", "2026-01-16T10:00:00+08:00") == 0
