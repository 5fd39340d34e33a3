"""Nothing legitimate is ever tampering: any lifecycle people and the scheduler can make —
intake, imports of old cases, responses, moves, reassignments, facts, compensation offered
and answered, reopenings, follow-ups, ticks firing warnings, breaches and escalations, a
policy changed between them — verifies clean, on SQLite and PostgreSQL; and what
``cases show --json`` exports holds every event, chains and replays to the case shown.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import audit, run

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.audit import verify_chain
from complaintkit.model.canonical import canonical_json
from complaintkit.model.case import RootCause
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import TRANSITIONS, Status
from complaintkit.model.money import Money

ROOT = Path(__file__).parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"
START = datetime(2026, 11, 2, 1, tzinfo=UTC)
TEXTS = (
    "The milk was spoiled when I opened it",
    "My delivery was late by two days",
    "The staff at the checkout were rude to me",
    "I was overcharged at the till",
)
STEP = st.one_of(
    st.tuples(st.just("intake"), st.sampled_from(TEXTS)),
    st.tuples(st.just("import"), st.sampled_from(("closed", "investigating", "resolved"))),
    st.tuples(st.just("advance"), st.integers(1, 120)),
    st.tuples(st.just("tick"), st.none()),
    st.tuples(st.just("respond"), st.integers(0, 5)),
    st.tuples(st.just("note"), st.integers(0, 5)),
    st.tuples(st.just("assign"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.tuples(st.integers(0, 5), st.integers(0, 7))),
    st.tuples(st.just("resolve"), st.integers(0, 5)),
    st.tuples(st.just("facts"), st.integers(0, 5)),
    st.tuples(st.just("compensate"), st.tuples(st.integers(0, 5), st.booleans())),
    st.tuples(st.just("reopen"), st.integers(0, 5)),
    st.tuples(st.just("follow_up"), st.integers(0, 5)),
    st.tuples(st.just("policy"), st.none()),
)
LIFECYCLE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _candidate(folder: Path) -> Path:
    """The policy in force, changed: its answers due sooner (a new version)."""
    path = folder / "candidate.yaml"
    path.write_text(
        f"extends: {POLICY}\nversion: 'rc1'\nsla:\n  targets:\n"
        "    - first_response: 1h\n      resolution: 1 business days\n",
        encoding="utf-8",
    )
    return path


def _live(desk: Desk, clock: ManualClock, n: int, text: str) -> None:
    desk.intake(
        {
            "channel": "web",
            "external_id": f"W{n}",
            "received_at": clock.now().isoformat(),
            "customer": {"id": f"C{n % 2}", "contact": "c@example.com"},
            "text": text,
            "amount": {"amount": "35.50", "currency": "CNY"},
        }
    )


def _imported(desk: Desk, clock: ManualClock, n: int, status: str) -> None:
    received = clock.now() - timedelta(days=3)
    history: dict[str, Any] = {
        "status": status,
        "first_response_at": (received + timedelta(hours=2)).isoformat(),
        "owner": "li.na",
    }
    if status in ("closed", "resolved"):
        history["resolved_at"] = (received + timedelta(days=1)).isoformat()
    desk.intake(
        {
            "channel": "old-desk",
            "external_id": f"T{n}",
            "received_at": received.isoformat(),
            "customer": {"id": "C9"},
            "text": "The bread was mouldy",
            "history": history,
        }
    )


def _compensate(desk: Desk, case_id: str, accept: bool) -> None:
    desk.set_facts(case_id, {"loss": Money("120", "CNY")}, actor="li.na")
    case = desk.propose_compensation(case_id, actor="li.na")
    comp = case.compensation[-1]
    for role in comp["approvals_needed"]:
        desk.approve_compensation(case_id, comp["id"], role=role, actor="boss")
    desk.offer_compensation(case_id, comp["id"], actor="li.na")
    if accept:
        desk.accept_compensation(case_id, comp["id"], actor="customer")
    else:
        desk.decline_compensation(case_id, comp["id"], actor="customer", reason="want cash")


def _move(desk: Desk, case_id: str, choice: int) -> None:
    legal = sorted(TRANSITIONS[desk.get(case_id).status] - {Status.RESOLVED})
    if legal:
        desk.transition(case_id, legal[choice % len(legal)], actor="li.na", reason="as it went")


def _resolve(desk: Desk, case_id: str) -> None:
    if Status.RESOLVED not in TRANSITIONS[desk.get(case_id).status]:
        desk.transition(case_id, "investigating", actor="li.na")
    cause = RootCause(fishbone="product", whys=("cold chain",), nature="systemic")
    desk.record_root_cause(case_id, cause, actor="li.na")
    desk.resolve(case_id, "refunded", actor="li.na")


#: What people do to one case: the step's argument picks the case (and how).
ON_A_CASE: dict[str, Callable[[Desk, str, Any], object]] = {
    "respond": lambda desk, case_id, _: desk.respond(case_id, "on it / 已安排", actor="li.na"),
    "note": lambda desk, case_id, _: desk.note(case_id, "called back", actor="li.na"),
    "assign": lambda desk, case_id, _: desk.assign(case_id, "amy.store", actor="lead"),
    "move": lambda desk, case_id, arg: _move(desk, case_id, arg[1]),
    "resolve": lambda desk, case_id, _: _resolve(desk, case_id),
    "facts": lambda desk, case_id, _: desk.set_facts(case_id, {"fault": "merchant"}, actor="li.na"),
    "compensate": lambda desk, case_id, arg: _compensate(desk, case_id, arg[1]),
    "reopen": lambda desk, case_id, _: desk.reopen(case_id, actor="li.na", reason="still broken"),
    "follow_up": lambda desk, case_id, _: desk.follow_up(case_id, 4, "fine", actor="li.na"),
}


def _play(desk: Desk, clock: ManualClock, step: tuple[str, Any], n: int, candidate: Path) -> Desk:
    """One step as people and the scheduler take it; a step the Desk refuses writes nothing."""
    op, arg = step
    if op == "intake":
        _live(desk, clock, n, arg)
    elif op == "import":
        _imported(desk, clock, n, arg)
    elif op == "advance":
        clock.advance(timedelta(hours=arg))
    elif op == "tick":
        desk.tick()
    elif op == "policy":
        desk = Desk(candidate, storage=desk.storage, clock=clock)
    else:
        ids = sorted(case.id for case in desk.find())
        which = arg[0] if isinstance(arg, tuple) else arg
        ON_A_CASE[op](desk, ids[which % len(ids)], arg)
    return desk


def _check(url: str, steps: list[tuple[str, Any]], *audited: str) -> None:
    clock = ManualClock(START)
    desk = Desk(POLICY, storage=url, clock=clock)
    with tempfile.TemporaryDirectory() as folder:
        candidate = _candidate(Path(folder))
        try:
            for n, step in enumerate(steps):
                with suppress(ComplaintkitError):  # refused at the desk: nothing was written
                    desk = _play(desk, clock, step, n, candidate)
        finally:
            desk.storage.close()

    assert audit(url, *audited) == (0, [])
    for listed in json.loads(run("--db", url, "cases", "list", "--json").output):
        shown = json.loads(run("--db", url, "cases", "show", "--json", listed["id"]).output)
        events = [CaseEvent.from_json(event) for event in shown["events"]]
        assert [event.seq for event in events] == list(range(1, len(events) + 1))
        assert verify_chain(listed["id"], events) is None
        assert canonical_json(replay(events).to_json()) == canonical_json(shown["case"])


@pytest.fixture
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPLAINTKIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", "a lifecycle audit key of 32 bytes")


@LIFECYCLE
@given(st.lists(STEP, min_size=3, max_size=25))
def test_any_legitimate_lifecycle_verifies_sealed_from_start_on_sqlite(
    keyed: None, steps: list[tuple[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/cases.db"
        _check(url, [("intake", TEXTS[0]), *steps], "--sealed-from-start")


@pytest.fixture
def schemas(postgres_server_url: str) -> Iterator[list[str]]:
    made: list[str] = []
    yield made
    for schema in made:
        drop_schema(postgres_server_url, schema)


@pytest.mark.postgres
@LIFECYCLE
@given(st.lists(STEP, min_size=3, max_size=25))
def test_any_legitimate_lifecycle_verifies_on_postgres(
    no_key: None, postgres_server_url: str, schemas: list[str], steps: list[tuple[str, Any]]
) -> None:
    schemas.append(f"ck_test_{secrets.token_hex(6)}")
    _check(scratch_url(postgres_server_url, schemas[-1]), [("intake", TEXTS[0]), *steps])
