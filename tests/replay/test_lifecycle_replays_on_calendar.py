"""Random case lifecycles on a business calendar — opened, answered, paused and resumed,
escalated by the clock, resolved, reopened, with clock jumps (none, minutes, over nights,
weekends and holidays) and a new policy version in the middle — keep two promises:

* the stored case is exactly what its stored history folds into, deadlines included, and
  replaying the history under the policy in force (while only one version has run)
  changes nothing;
* a move the lifecycle forbids, or a change from a clock set back behind the last stored
  one, is refused with an error naming the case (and the move), and stores nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import CaseEnded, IllegalTransition, InvalidInput
from complaintkit.model.lifecycle import TRANSITIONS, Status
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.histories import rebuilt

POLICY = """
complaintkit: 1
name: lifecycle
version: "{version}"
categories: {{other: {{label: 其他}}}}
severities: {{minor: {{label: 一般}}}}
priorities: {{normal: {{label: 一般}}}}
classification:
  - rules: []
    default: {{category: other, severity: minor, priority: normal}}
routing: {{rules: [], default: {{owner: chen.jing}}}}
calendars:
  office:
    timezone: Asia/Shanghai
    hours: {{mon-fri: ["09:00-12:00", "13:30-18:00"]}}
    holiday_country: CN
sla:
  calendar: office
  warnings: [0.5]
  metrics: {{resolution: {{reopen: new_cycle}}}}
  targets:
    - first_response: {first_response}
      resolution: {resolution}
{migrate}
escalation:
  ladders:
    - name: standard
      levels:
{levels}
"""

LEVEL = """        - name: {name}
          trigger: {{sla: resolution, elapsed: {elapsed}}}
          actions: [{{add_tags: [{name}]}}]
"""

VERSIONS = {
    "1": {
        "first_response": "8 business hours",
        "resolution": "3 business days",
        "migrate": "",
        "levels": LEVEL.format(name="late", elapsed=1.0),
    },
    "2": {
        "first_response": "2 business hours",
        "resolution": "2 business days",
        "migrate": "  migrate: {mode: rebase_keep_elapsed, from: ['1']}",
        "levels": LEVEL.format(name="early", elapsed=0.25) + LEVEL.format(name="late", elapsed=1.0),
    },
}

#: Clock jumps: none (changes at one instant), minutes, hours, over nights and weekends,
#: across the National Day break.
JUMPS = st.sampled_from(
    [timedelta(0), timedelta(minutes=7), timedelta(hours=3), timedelta(hours=17), timedelta(days=3)]
)
#: Monday 28 September 2026, 10:00 in Shanghai: the National Day break starts on Thursday.
START = datetime(2026, 9, 28, 2, 0, 0, 123456, tzinfo=UTC)
REFUSED = (IllegalTransition, CaseEnded)


def _policy(directory: Path, version: str) -> Path:
    path = directory / f"policy-{version}.yaml"
    path.write_text(POLICY.format(version=version, **VERSIONS[version]), encoding="utf-8")
    return path


class CalendarLifecycle(RuleBasedStateMachine):
    storage = "memory:"

    @initialize()
    def open_case(self) -> None:
        self.tmp = TemporaryDirectory()
        directory = Path(self.tmp.name)
        self.url = self.storage if self.storage == "memory:" else f"sqlite:///{directory}/c.db"
        self.clock = ManualClock(START)
        self.desk = Desk(load_policy(_policy(directory, "1")), storage=self.url, clock=self.clock)
        complaint = {
            "channel": "web",
            "external_id": "L-1",
            "customer": {"id": "A"},
            "text": "收到的商品有破损",
            "received_at": START.isoformat(),
        }
        self.case_id = self.desk.intake(complaint).id
        self.versions = {"1"}

    def teardown(self) -> None:
        if hasattr(self, "desk"):
            self.desk.storage.close()
            self.tmp.cleanup()

    @property
    def status(self) -> Status:
        return self.desk.get(self.case_id).status

    @rule(jump=JUMPS)
    def wait(self, jump: timedelta) -> None:
        self.clock.advance(jump)

    @rule()
    def tick(self) -> None:
        self.desk.tick()

    @rule()
    def change_from_a_clock_set_back(self) -> None:
        """A Desk whose clock runs behind the last stored change is refused, naming the
        case and both instants, and stores nothing."""
        last = self.desk.history(self.case_id)[-1].at
        before = self.desk.history(self.case_id)
        self.clock.set(last - timedelta(minutes=1))
        try:
            with pytest.raises(InvalidInput, match=self.case_id):
                self.desk.respond(self.case_id, "好的", actor="li.na")
        finally:
            self.clock.set(max(last, self.clock.now()))
        assert self.desk.history(self.case_id) == before

    @precondition(lambda self: self.versions == {"1"})
    @rule()
    def new_version(self) -> None:
        """The Desk restarts on version 2 (shorter targets, an earlier level, rebased)."""
        storage = self.desk.storage
        policy = load_policy(_policy(Path(self.tmp.name), "2"))
        self.desk = Desk(policy, storage=storage, clock=self.clock)
        self.versions.add("2")

    @rule(to=st.sampled_from([s for s in Status if s is not Status.RESOLVED]))
    def move(self, to: Status) -> None:
        self._attempt(
            to in TRANSITIONS[self.status],
            to,
            lambda: self.desk.transition(self.case_id, to, actor="li.na", reason="因为"),
        )

    @rule()
    def resolve(self) -> None:
        self._attempt(
            Status.RESOLVED in TRANSITIONS[self.status],
            Status.RESOLVED,
            lambda: self.desk.resolve(self.case_id, "已退款", actor="li.na"),
        )

    @rule()
    def reopen(self) -> None:
        self._attempt(
            Status.REOPENED in TRANSITIONS[self.status],
            Status.REOPENED,
            lambda: self.desk.reopen(self.case_id, actor="customer", reason="没解决"),
        )

    @rule()
    def respond(self) -> None:
        ended = self.status in {Status.CLOSED, Status.REJECTED, Status.WITHDRAWN}
        self._attempt(
            not ended, None, lambda: self.desk.respond(self.case_id, "好的", actor="li.na")
        )

    def _attempt(self, legal: bool, to: Status | None, action: object) -> None:
        before = self.desk.history(self.case_id)
        stored = self.desk.get(self.case_id).to_json()
        refused: Exception | None = None
        try:
            action()  # type: ignore[operator]
        except REFUSED as exc:
            refused = exc
        if refused is None:
            assert legal, f"a forbidden move to {to} was accepted"
            return
        assert not legal, f"a legal move was refused: {refused}"
        assert self.case_id in str(refused)
        if to is not None and isinstance(refused, IllegalTransition):
            assert to.value in str(refused)
        assert self.desk.history(self.case_id) == before
        assert self.desk.get(self.case_id).to_json() == stored

    @invariant()
    def stored_case_is_its_history_replayed(self) -> None:
        if not hasattr(self, "desk"):
            return
        stored = self.desk.get(self.case_id)
        history = self.desk.history(self.case_id)
        assert [e.seq for e in history] == list(range(1, len(history) + 1))
        assert all(a.at <= b.at for a, b in pairwise(history))
        assert rebuilt(history).to_json() == stored.to_json()

    @invariant()
    def replaying_under_the_policy_in_force_changes_nothing(self) -> None:
        if not hasattr(self, "desk") or self.versions != {"1"}:
            return
        result = replay_store(self.desk.storage, self.desk.policy, self.desk.plugins)
        assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
        detail = replay_store(
            self.desk.storage, self.desk.policy, self.desk.plugins, case_id=self.case_id
        ).detail
        assert detail is not None
        stored = [(e.kind, e.at, e.data.get("to")) for e in detail.current_events]
        rerun = [(e.kind, e.at, e.data.get("to")) for e in detail.candidate_events]
        lagging = detail.current.due is not None and detail.current.due <= self.clock.now()
        if not lagging:  # a tick not yet run: the replay fires what it would
            assert rerun == stored


class SQLiteCalendarLifecycle(CalendarLifecycle):
    storage = "sqlite"


@pytest.mark.parametrize("machine", [CalendarLifecycle, SQLiteCalendarLifecycle])
def test_random_lifecycles_on_a_calendar_replay_to_what_is_stored(
    machine: type[CalendarLifecycle],
) -> None:
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)
    machine.TestCase().runTest()
