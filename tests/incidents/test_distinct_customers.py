"""A batch incident counts complainants, not complaints: one customer writing five times
about the milk is one customer's problem (and perhaps a repeat complainant), not a batch
defect. The SOPs' impact assessment asks how many customers a fault touched (DOMAIN.md,
批量/群体投诉: "how many customers"), so a rule's ``min_cases`` is reached by that many
different customers within the window. Once an incident is open, every complaint about the
value joins it, the same customer's again included (docs/policy/incidents.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.incidents import IncidentDetector, WindowRule, replay
from complaintkit.model.events import CaseEvent
from complaintkit.reports import Scope, detect_batches, open_source
from incident_policy import incident_policy

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)
RULE = WindowRule("product", 3, 48)


def test_one_customer_complaining_five_times_opens_no_incident() -> None:
    detector = IncidentDetector(RULE)
    raised = [detector.observe("SKU", T0 + n * H, f"c{n}", "alice") for n in range(5)]
    assert raised == [None] * 5


def test_the_third_customer_opens_it_and_every_complaint_in_the_window_is_in_it() -> None:
    detector = IncidentDetector(RULE)
    who = ["alice", "alice", "bob", "alice", "carol"]
    raised = [detector.observe("SKU", T0 + n * H, f"c{n}", w) for n, w in enumerate(who)]
    assert raised[:4] == [None] * 4
    incident = raised[4]
    assert incident is not None
    assert incident.opened_by == "c4"
    assert incident.case_ids == ("c0", "c1", "c2", "c3", "c4")


def test_the_same_customer_again_joins_the_open_incident() -> None:
    detector = IncidentDetector(RULE)
    for n, who in enumerate(["alice", "bob", "carol", "alice"]):
        detector.observe("SKU", T0 + n * H, f"c{n}", who)
    [incident] = detector.incidents()
    assert incident.case_ids == ("c0", "c1", "c2", "c3")


def test_a_customer_whose_complaints_left_the_window_no_longer_counts() -> None:
    detector = IncidentDetector(RULE)
    detector.observe("SKU", T0, "c0", "alice")
    detector.observe("SKU", T0 + 47 * H, "c1", "alice")
    detector.observe("SKU", T0 + 47 * H, "c2", "bob")
    # alice's first complaint left the window, her second is still in it: three customers
    assert detector.observe("SKU", T0 + 49 * H, "c3", "carol") is not None
    later = IncidentDetector(RULE)
    later.observe("SKU", T0, "c0", "alice")
    later.observe("SKU", T0 + 1 * H, "c1", "bob")
    assert later.observe("SKU", T0 + 49 * H, "c2", "carol") is None  # alice and bob left


CUSTOMERS = st.lists(st.sampled_from(["alice", "bob", "carol", "dan"]), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(who=CUSTOMERS, gaps=st.lists(st.integers(0, 30), min_size=12, max_size=12))
def test_an_incident_opens_exactly_when_the_window_holds_enough_customers(
    who: list[str], gaps: list[int]
) -> None:
    """Against counting by hand: the first case at which the cases of the last 48 hours
    come from three customers opens the incident, and nothing opens before it."""
    at, arrivals = T0, []
    for n, customer in enumerate(who):
        at += gaps[n] * H
        arrivals.append(("SKU", at, f"c{n}", customer))
    expected = None
    for n, (_, now, _, _) in enumerate(arrivals):
        inside = {c for _, t, _, c in arrivals[: n + 1] if t >= now - RULE.window}
        if len(inside) >= RULE.min_cases:
            expected = f"c{n}"
            break
    found = replay(RULE, arrivals)
    assert (found[0].opened_by if found else None) == expected


def _complaint(n: int, customer: str, product: str = "SKU-MILK") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"m{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": customer},
        "text": "the milk was sour",
        "product": product,
    }


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(incident_policy("{key: product, min_cases: 3, window_hours: 48}"), "utf-8")
    if request.param == "postgres":
        url = str(request.getfixturevalue("postgres_url"))
    else:
        url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(policy, storage=url, clock=ManualClock(T0))
    yield desk
    desk.storage.close()


def _flagged(desk: Desk, case_ids: list[str]) -> list[CaseEvent]:
    return [e for c in case_ids for e in desk.history(c) if e.kind == "incident_detected"]


def test_the_desk_raises_none_for_one_customer_and_the_report_lists_none(desk: Desk) -> None:
    cases = [desk.intake(_complaint(n, "alice")).id for n in range(5)]
    assert _flagged(desk, cases) == []
    assert detect_batches(open_source(desk.storage), RULE, Scope()) == []


def test_the_desk_raises_it_once_on_the_third_customer_as_the_report_does(desk: Desk) -> None:
    assert isinstance(desk.clock, ManualClock)
    cases = []
    for n, who in enumerate(["alice", "alice", "bob", "alice", "carol"]):
        desk.clock.advance(timedelta(minutes=1))
        cases.append(desk.intake(_complaint(n, who)).id)
    [flag] = _flagged(desk, cases)
    assert flag.case_id == cases[4]
    [incident] = detect_batches(open_source(desk.storage), RULE, Scope())
    assert (incident.id, incident.case_ids) == (flag.data["id"], tuple(cases))
    assert incident.opened_by == cases[4]
