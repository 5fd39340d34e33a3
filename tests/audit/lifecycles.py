"""Random lifecycles on the retail policy, played as people and the scheduler would: the
audit tests build legitimate histories with them (and tamper before or between them)."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import RootCause
from complaintkit.model.lifecycle import TRANSITIONS, Status
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy, load_policy

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


@functools.cache
def loaded() -> tuple[Plugins, Policy, Policy]:
    """The plugins, the policy in force and the candidate (the policy in force, changed: its
    answers due sooner, a new version), built once: every Desk of every lifecycle, and each
    replay of one, shares them, as the frozen values they are, instead of scanning the
    plugins and compiling the policy again for each."""
    plugins = Plugins()
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder) / "candidate.yaml"
        candidate.write_text(
            f"extends: {POLICY}\nversion: 'rc1'\nsla:\n  targets:\n"
            "    - first_response: 1h\n      resolution: 1 business days\n",
            encoding="utf-8",
        )
        return plugins, load_policy(POLICY, plugins), load_policy(candidate, plugins)


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


def _play(desk: Desk, clock: ManualClock, step: tuple[str, Any], n: int) -> Desk:
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
        plugins, _, candidate = loaded()
        desk = Desk(candidate, storage=desk.storage, clock=clock, plugins=plugins)
    else:
        ids = sorted(case.id for case in desk.find())
        which = arg[0] if isinstance(arg, tuple) else arg
        ON_A_CASE[op](desk, ids[which % len(ids)], arg)
    return desk


def play(
    url: str,
    steps: list[tuple[str, Any]],
    clock: ManualClock,
    after_each: Callable[[Desk], None] | None = None,
) -> None:
    """Take ``steps`` on the store at ``url``; a step the Desk refuses writes nothing.
    ``after_each`` looks at the store after each step."""
    plugins, policy, _ = loaded()
    desk = Desk(policy, storage=url, clock=clock, plugins=plugins)
    try:
        for n, step in enumerate(steps):
            with suppress(ComplaintkitError):  # refused at the desk
                desk = _play(desk, clock, step, n)
            if after_each is not None:
                after_each(desk)
    finally:
        desk.storage.close()
