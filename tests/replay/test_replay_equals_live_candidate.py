"""A replay under a candidate policy ends where running that candidate live would have.

Two Desks on one clock take the same complaints and the same work — answers, waits on the
customer, resolutions, reopenings, ticks, clock jumps over nights, weekends and the New York
daylight saving change — one under the policy in force, one under the candidate. Replaying
the first store under the candidate at the same instant gives, case by case, the outcome
the second store holds: the same breaches, warnings, escalation level, classification and
running deadlines. No recorded history is made up: the oracle is the Desk itself."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import CaseEnded, IllegalTransition
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import Outcome, replay_store

POLICY = """
complaintkit: 1
name: dst
version: "{version}"
categories: {{other: {{label: Other}}}}
severities: {{minor: {{label: Minor}}}}
priorities: {{normal: {{label: Normal}}}}
classification:
  - rules: []
    default: {{category: other, severity: minor, priority: normal}}
routing: {{rules: [], default: {{owner: amy.store}}}}
calendars:
  office:
    timezone: America/New_York
    hours: {{mon-fri: ["09:00-17:00"]}}
sla:
  calendar: office
  warnings: {warnings}
  metrics: {{resolution: {{reopen: new_cycle, pause_in: {pause_in}}}}}
  targets:
    - first_response: {first_response}
      resolution: {resolution}
escalation:
  ladders:
    - name: standard
      levels:
        - name: late
          trigger: {{sla: resolution, elapsed: {elapsed}}}
          actions: [{{add_tags: [late]}}]
"""

NEW_YORK = ZoneInfo("America/New_York")
#: Friday 6 March 2026, 15:00 in New York: the clocks spring forward on Sunday 8 March.
START = datetime(2026, 3, 6, 15, 0, tzinfo=NEW_YORK)
JUMPS = st.sampled_from(
    [
        timedelta(0),
        timedelta(minutes=20),
        timedelta(hours=3),
        timedelta(hours=16),
        timedelta(days=2),
    ]
)
ACTIONS = st.sampled_from(["open", "respond", "wait", "resume", "resolve", "reopen", "tick"])
REFUSED = (IllegalTransition, CaseEnded)


#: The policy in force, and a candidate with shorter targets, other warnings, an earlier
#: level and a resolution clock that runs on while the case waits on the customer.
VERSIONS = {
    "1": {
        "first_response": "8 business hours",
        "resolution": "3 business days",
        "warnings": "[0.5]",
        "pause_in": "[waiting_on_customer]",
        "elapsed": 0.75,
    },
    "2": {
        "first_response": "2 business hours",
        "resolution": "1 business days",
        "warnings": "[0.25, 0.8]",
        "pause_in": "[]",
        "elapsed": 0.5,
    },
}


def _policy(directory: Path, version: str) -> Path:
    path = directory / f"policy-{version}.yaml"
    path.write_text(POLICY.format(version=version, **VERSIONS[version]), encoding="utf-8")
    return path


def _act(desk: Desk, case_id: str, action: str) -> None:
    if action == "respond":
        desk.respond(case_id, "We are looking into it", actor="amy.store")
    elif action == "wait":
        desk.transition(case_id, Status.WAITING_ON_CUSTOMER, actor="amy.store", reason="photo")
    elif action == "resume":
        desk.transition(case_id, Status.INVESTIGATING, actor="amy.store", reason="photo came")
    elif action == "resolve":
        desk.resolve(case_id, "Refunded", actor="amy.store")
    elif action == "reopen":
        desk.reopen(case_id, actor="customer", reason="not refunded")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(JUMPS, ACTIONS, st.integers(0, 2)), min_size=1, max_size=25))
def test_a_replay_under_the_candidate_ends_as_the_candidate_run_live(
    steps: list[tuple[timedelta, str, int]],
) -> None:
    with TemporaryDirectory() as folder:
        directory = Path(folder)
        in_force, candidate = (load_policy(_policy(directory, v)) for v in VERSIONS)
        clock = ManualClock(START)
        stored = Desk(in_force, storage="memory:", clock=clock)
        live = Desk(candidate, storage="memory:", clock=clock)
        cases: list[tuple[str, str]] = []  # (stored id, live id)
        for jump, action, which in steps:
            clock.advance(jump)
            if action == "open" or not cases:
                complaint = {
                    "channel": "web",
                    "external_id": f"D-{len(cases)}",
                    "customer": {"id": f"C{len(cases)}"},
                    "text": "The parcel arrived damaged",
                    "received_at": clock.now().isoformat(),
                }
                cases.append((stored.intake(complaint).id, live.intake(complaint).id))
                continue
            if action == "tick":
                stored.tick()
                live.tick()
                continue
            stored_id, live_id = cases[which % len(cases)]
            try:
                _act(stored, stored_id, action)
            except REFUSED:
                continue  # a move the case's status forbids: done on neither
            _act(live, live_id, action)
        now = clock.now()
        stored.tick(now)
        live.tick(now)
        for stored_id, live_id in cases:
            replayed = replay_store(
                stored.storage, candidate, Plugins(), horizon=now, case_id=stored_id
            ).detail
            assert replayed is not None
            case = live.get(live_id)
            expected = {**Outcome.of(case, live.history(live_id)).to_json(), "id": stored_id}
            assert {**replayed.candidate.to_json(), "id": stored_id} == expected
