"""Any sequence of desk work under a policy with SLA clocks and escalations: every stored
case is exactly what its history folds to, field by field, on every backend.

The lifecycle machine compares a case's status, version and last hash with its replay;
this compares the whole case — clocks, escalations, satisfaction, owner, facts, root
cause — after responses, updates, notes, moves, resolutions, follow-ups, closings,
reopenings, reassignments, root causes, facts, time passing and ticks, taken or refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import RootCause
from complaintkit.model.history import replay
from complaintkit.policy.compiled import load_policy

SHOP = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
POLICY = load_policy(SHOP)
TEXTS = ("收银员态度很差", "买的全麦面包里吃出一根头发", "refund not received for order 123")
MOVES = ("investigating", "waiting_on_customer", "waiting_on_third_party", "rejected")
STEP = st.one_of(
    st.tuples(st.sampled_from(["respond", "update", "note", "resolve", "close"]), st.just(0)),
    st.tuples(st.just("move"), st.integers(0, len(MOVES) - 1)),
    st.tuples(
        st.sampled_from(["follow_up", "refused", "reopen", "assign", "root", "facts"]),
        st.integers(1, 5),
    ),
    st.tuples(st.just("tick"), st.sampled_from([0, 1, 5, 26, 80, 200])),
)
_RUN = count()


def _do(desk: Desk, clock: ManualClock, case_id: str, kind: str, n: int) -> None:
    actions = {
        "respond": lambda: desk.respond(case_id, "非常抱歉,我们马上核查。", actor="li.na"),
        "update": lambda: desk.update(case_id, "供应商已确认批次问题", actor="li.na"),
        "note": lambda: desk.note(case_id, "供应商批次 B-17", actor="li.na"),
        "resolve": lambda: desk.resolve(case_id, "退款并致歉", actor="li.na"),
        "close": lambda: desk.close(case_id, actor="li.na", reason="回访满意"),
        "move": lambda: desk.transition(case_id, MOVES[n], actor="li.na", reason="核查"),
        "follow_up": lambda: desk.follow_up(case_id, n, actor="li.na"),
        "refused": lambda: desk.follow_up_refused(case_id, "不愿评价", actor="li.na"),
        "reopen": lambda: desk.reopen(case_id, actor="li.na", reason="客户仍不满意"),
        "assign": lambda: desk.assign(case_id, f"agent.{n % 2}", actor="lead"),
        "root": lambda: desk.record_root_cause(
            case_id, RootCause("partner", ("冷链断了",), "systemic"), actor="qa.zhou"
        ),
        "facts": lambda: desk.set_facts(case_id, {"batch": n}, actor="qa.zhou"),
    }
    if kind == "tick":
        clock.advance(timedelta(hours=n))
        desk.tick()
        return
    with suppress(ComplaintkitError):  # refused (an illegal move, a gate): nothing stored
        actions[kind]()


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        yield str(request.getfixturevalue("postgres_url"))
    else:
        yield "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3),
    steps=st.lists(st.tuples(st.integers(0, 2), STEP), max_size=20),
)
def test_every_stored_case_is_its_history_folded(
    store: str, texts: list[str], steps: list[tuple[int, tuple[str, int]]]
) -> None:
    run = next(_RUN)  # one store for the test's examples: each its own cases
    clock = ManualClock(datetime(2026, 11, 23, 1, 30, tzinfo=UTC) + timedelta(days=run))
    desk = Desk(POLICY, storage=store, clock=clock)
    try:
        ids = [
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"run-{run}-{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"c{run}-{n % 2}"},
                    "text": text,
                }
            ).id
            for n, text in enumerate(texts)
        ]
        for which, (kind, n) in steps:
            _do(desk, clock, ids[which % len(ids)], kind, n)
        clock.advance(timedelta(hours=1))
        desk.tick()
        for case_id in ids:
            assert replay(desk.history(case_id)).to_json() == desk.get(case_id).to_json()
    finally:
        if store != "memory:":
            desk.storage.close()
