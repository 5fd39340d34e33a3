"""Report figures that must add up, over generated histories on a zone with a DST change.

Cases are taken in, answered, put on hold (a paused clock), resolved, closed, reopened,
withdrawn, rated, compensated (proposed, approved, rejected, offered, accepted, declined) and
ticked in any order around the night Europe/London moves its clocks, and reported over a
range whose bounds fall on any hour. Whatever happened: each breakdown sums to the total,
the daily counts sum to the total, met + breached + running + cancelled is the number of
cases in scope with that clock, the total is the cases received in the range, and memory
and SQLite give the same report.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from case_steps import on_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import local_plugins

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.reports import Report, Scope, build_report, open_source

T0 = datetime(2026, 3, 28, 22, 30, tzinfo=ZoneInfo("Europe/London"))
TEXTS = ("\u725b\u5976\u53d8\u8d28", "Parcel never arrived", "Rude staff", "Price wrong")
STEPS = (
    *("intake", "respond", "wait", "resolve", "close", "reopen", "withdraw", "tick"),
    *("advance", "rate", "propose", "approve", "reject", "offer", "accept", "decline"),
)
Action = tuple[str, int, int]
ACTIONS = st.tuples(st.sampled_from(STEPS), st.integers(0, 5), st.integers(1, 30))


def _policy(tmp: Path) -> Policy:
    text = demo_policy_path().read_text(encoding="utf-8")
    assert "timezone: Asia/Shanghai" in text
    path = tmp / "london.yaml"
    path.write_text(text.replace("timezone: Asia/Shanghai", "timezone: Europe/London"), "utf-8")
    return load_policy(path, local_plugins())


def _step(desk: Desk, clock: ManualClock, ids: list[str], action: Action) -> None:
    kind, i, n = action
    if kind == "intake":
        at = clock.now() - timedelta(hours=n % 5)
        complaint: dict[str, Any] = {"channel": "web", "external_id": f"x{len(ids)}"}
        complaint |= {"text": TEXTS[n % 4], "received_at": at.isoformat()}
        complaint["customer"] = {"id": f"c{n % 3}"}
        ids.append(desk.intake(complaint).id)
    elif kind == "advance":
        clock.set(clock.now() + timedelta(hours=n))
    elif kind == "tick":
        desk.tick()
    elif ids:
        on_case(desk, ids[i % len(ids)], kind, n)


def _report(url: str, policy: Policy, actions: list[Action], scope: Scope) -> Report:
    clock = ManualClock(T0)
    desk = Desk(policy, storage=url, clock=clock, plugins=local_plugins())
    try:
        ids: list[str] = []
        for action in actions:
            # a step out of turn is refused, as a person's would be
            with suppress(ComplaintkitError):
                _step(desk, clock, ids, action)
        report = build_report(open_source(desk.storage), scope, zone=desk.zone, now=clock.now())
        cases = [c for c in desk.find() if scope.covers(c.complaint.received_at)]
    finally:
        desk.storage.close()
    assert report.total == len(cases)
    for rows in report.breakdowns.values():
        assert sum(row.count for row in rows) == report.total
    assert sum(sum(days.values()) for days in report.daily.values()) == report.total
    for sla in report.sla:
        with_clock = sum(1 for c in cases if c.clocks.get(sla.metric) is not None)
        assert sla.met + sla.breached + sla.running + sla.cancelled == with_clock
    return report


def _comparable(report: Report) -> dict[str, Any]:
    """The report's JSON but for the instant it was made and the (random) case ids."""
    data = report.to_json()
    del data["generated_at"]
    for item in data["late"]:
        del item["case_id"]
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actions=st.lists(ACTIONS, max_size=25),
    bounds=st.one_of(st.none(), st.tuples(st.integers(-10, 60), st.integers(1, 40))),
)
def test_figures_add_up_and_backends_agree(
    actions: list[Action], bounds: tuple[int, int] | None, tmp_path_factory: Any
) -> None:
    tmp = tmp_path_factory.mktemp("invariants")
    scope = Scope()
    if bounds is not None:
        since = T0 + timedelta(hours=bounds[0])
        scope = Scope(since, since + timedelta(hours=bounds[1]))
    policy = _policy(tmp)
    memory = _report("memory:", policy, actions, scope)
    sqlite = _report(f"sqlite:///{tmp / 'cases.db'}", policy, actions, scope)
    assert _comparable(memory) == _comparable(sqlite)
