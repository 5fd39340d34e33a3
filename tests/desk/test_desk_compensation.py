"""The compensation workflow on the Desk, on memory and SQLite storage."""

from __future__ import annotations

import contextlib
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "when": {"field": "voucher", "exists": True},
            "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
        },
    ],
    "approvals": [{"above": 300, "role": "supervisor"}],
    "caps": [{"limit": 500, "days": 90}],
}


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    storage = (
        MemoryStorage()
        if request.param == "memory"
        else SQLiteStorage(f"sqlite:///{tmp_path}/c.db")
    )
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    return Desk(policy, storage=storage, clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))


def complaint(n: int, customer: str = "c-1") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"x-{customer}-{n}",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": customer},
        "text": "broken on arrival",
        "amount": {"amount": "199.00", "currency": "CNY"},
    }


def voucher(amount: str) -> dict[str, object]:
    return {"voucher": Money(amount, "CNY")}


def test_small_amount_goes_from_proposal_to_offer_to_acceptance(desk: Desk) -> None:
    case = desk.intake(complaint(1))
    case = desk.propose_compensation(case.id, voucher("100"), actor="li.na")
    assert case.compensation[0]["status"] == "proposed"
    assert case.compensation[0]["approvals_needed"] == []
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    case = desk.accept_compensation(case.id, "comp-1", actor="customer")
    assert case.compensation[0]["status"] == "accepted"
    kinds = [e.kind for e in desk.history(case.id)][-3:]
    assert kinds == ["compensation_proposed", "compensation_offered", "compensation_accepted"]


def test_amount_over_the_threshold_cannot_be_offered_before_the_role_approves(desk: Desk) -> None:
    case = desk.intake(complaint(1))
    desk.propose_compensation(case.id, voucher("400"), actor="li.na")
    with pytest.raises(InvalidInput, match="needs approval by supervisor"):
        desk.offer_compensation(case.id, "comp-1", actor="li.na")
    with pytest.raises(InvalidInput, match="awaits approval by supervisor, not 'agent'"):
        desk.approve_compensation(case.id, "comp-1", role="agent", actor="li.na")
    case = desk.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang.wei")
    assert case.compensation[0]["status"] == "approved"
    case = desk.offer_compensation(case.id, "comp-1", actor="li.na")
    assert case.compensation[0]["status"] == "offered"


def test_whoever_proposed_an_amount_cannot_approve_it(desk: Desk) -> None:
    """An approval is another person's check: the agent who proposed 400 CNY approving it
    as supervisor would make the threshold no check at all."""
    case = desk.intake(complaint(1))
    desk.propose_compensation(case.id, voucher("400"), actor="li.na")
    with pytest.raises(InvalidInput, match="li.na proposed comp-1") as refused:
        desk.approve_compensation(case.id, "comp-1", role="supervisor", actor="li.na")
    assert refused.value.field == "actor"
    assert desk.get(case.id).compensation[0]["approvals"] == []
    case = desk.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang.wei")
    assert case.compensation[0]["status"] == "approved"


def test_whoever_proposed_an_amount_may_still_reject_it(desk: Desk) -> None:
    case = desk.intake(complaint(1))
    desk.propose_compensation(case.id, voucher("400"), actor="li.na")
    case = desk.reject_compensation(
        case.id, "comp-1", role="supervisor", actor="li.na", reason="proposed in error"
    )
    assert case.compensation[0]["status"] == "rejected"


def test_rejected_proposal_can_never_be_offered(desk: Desk) -> None:
    case = desk.intake(complaint(1))
    desk.propose_compensation(case.id, voucher("400"), actor="li.na")
    desk.reject_compensation(
        case.id, "comp-1", role="supervisor", actor="wang.wei", reason="not our fault"
    )
    with pytest.raises(InvalidInput, match="is rejected"):
        desk.offer_compensation(case.id, "comp-1", actor="li.na")


def test_per_customer_cap_holds_across_several_cases(desk: Desk) -> None:
    given = []
    for n in range(4):
        case = desk.intake(complaint(n))
        case = desk.propose_compensation(case.id, voucher("200"), actor="li.na")
        amount = case.compensation[0]["decision"]["total"]["amount"]
        given.append(amount)
        desk.offer_compensation(case.id, "comp-1", actor="li.na")
    assert given == ["200.00", "200.00", "100.00", "0.00"]
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("500.00", "CNY")


def test_declined_offer_stops_counting_against_the_cap(desk: Desk) -> None:
    first = desk.intake(complaint(1))
    desk.propose_compensation(first.id, voucher("300"), actor="li.na")
    desk.offer_compensation(first.id, "comp-1", actor="li.na")
    desk.decline_compensation(first.id, "comp-1", actor="customer", reason="wants cash")
    second = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("300"), actor="x")
    assert second.compensation[0]["decision"]["total"]["amount"] == "300.00"


def test_offer_rechecks_the_cap_when_two_proposals_race(desk: Desk) -> None:
    one = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("300"), actor="x")
    two = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("300"), actor="x")
    desk.offer_compensation(one.id, "comp-1", actor="x")
    with pytest.raises(InvalidInput, match="over the cap"):
        desk.offer_compensation(two.id, "comp-1", actor="x")


def test_cap_window_forgets_compensation_accepted_more_than_90_days_ago(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("300"), actor="x")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(days=91))
    later = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("300"), actor="x")
    assert later.compensation[0]["decision"]["total"]["amount"] == "300.00"


# A cap's window counts money when the customer is given it: an offer still standing
# counts however long ago it was made (it can be accepted at any moment), an accepted one
# from when it was accepted. Counted from the offer, an offer left unanswered past the
# window stopped counting, and could be accepted beside a new full one.


def _later(desk: Desk, days: int) -> None:
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(days=days))


def _offer(desk: Desk, n: int, amount: str) -> str:
    case = desk.propose_compensation(desk.intake(complaint(n)).id, voucher(amount), actor="x")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    return case.id


def _decided(desk: Desk, n: int, amount: str) -> dict[str, Any]:
    case = desk.propose_compensation(desk.intake(complaint(n)).id, voucher(amount), actor="x")
    return case.compensation[0]["decision"]["total"]  # type: ignore[no-any-return]


def test_an_offer_standing_past_the_window_still_counts(desk: Desk) -> None:
    old = _offer(desk, 1, "300")
    _later(desk, 91)
    assert _decided(desk, 2, "300")["amount"] == "200.00"  # 500 less the 300 still offered
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("300.00", "CNY")
    desk.accept_compensation(old, "comp-1", actor="customer")


def test_accepting_an_old_offer_counts_it_now(desk: Desk) -> None:
    old = _offer(desk, 1, "300")
    _later(desk, 91)
    new = _offer(desk, 2, "200")
    desk.accept_compensation(new, "comp-1", actor="customer")
    desk.accept_compensation(old, "comp-1", actor="customer")  # 500 in all: the cap
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("500.00", "CNY")
    _later(desk, 89)  # both were accepted 89 days ago: nothing left to give
    assert _decided(desk, 3, "100")["amount"] == "0.00"
    _later(desk, 2)
    assert _decided(desk, 4, "100")["amount"] == "100.00"


def test_an_old_offer_and_a_new_one_accepted_together_stay_within_the_cap(desk: Desk) -> None:
    old = _offer(desk, 1, "300")
    _later(desk, 91)
    new = _offer(desk, 2, "300")
    for case_id in (new, old):
        desk.accept_compensation(case_id, "comp-1", actor="customer")
    accepted = [
        Decimal(entry["decision"]["total"]["amount"])
        for case_id in (old, new)
        for entry in desk.storage.get(case_id).compensation
        if entry["status"] == "accepted"
    ]
    assert sum(accepted) <= 500  # all of it given today


def test_other_customers_do_not_share_a_cap(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("500"), actor="x")
    desk.approve_compensation(case.id, "comp-1", role="supervisor", actor="boss")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    other = desk.propose_compensation(
        desk.intake(complaint(1, "c-2")).id, voucher("250"), actor="x"
    )
    assert other.compensation[0]["decision"]["total"]["amount"] == "250.00"


def test_replaying_the_history_rebuilds_the_compensation_entries(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("100"), actor="x")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    case = desk.accept_compensation(case.id, "comp-1", actor="customer")
    events: list[CaseEvent] = desk.history(case.id)
    assert replay(events).compensation == case.compensation


def test_decide_compensation_explains_without_changing_the_case(desk: Desk) -> None:
    case = desk.intake(complaint(1))
    decision = desk.decide_compensation(case.id, voucher("400"))
    assert decision.approvals_needed == ("supervisor",)
    assert "needs role 'supervisor'" in decision.explain()
    assert desk.get(case.id).version == case.version


def test_a_policy_without_a_compensation_section_says_so() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(complaint(1))
    with pytest.raises(InvalidInput, match="no compensation section"):
        desk.propose_compensation(case.id, actor="x")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=400, places=2), min_size=1, max_size=6))
def test_per_customer_cap_holds_for_any_sequence_of_cases(requests: list[Decimal]) -> None:
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    desk = Desk(
        policy, storage=MemoryStorage(), clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    )
    for n, amount in enumerate(requests):
        case = desk.propose_compensation(
            desk.intake(complaint(n)).id, voucher(str(amount)), actor="x"
        )
        if case.compensation[0]["approvals_needed"]:
            desk.approve_compensation(case.id, "comp-1", role="supervisor", actor="boss")
        desk.offer_compensation(case.id, "comp-1", actor="x")
    since = desk.clock.now() - timedelta(days=90)
    given_total = desk.storage.compensation_total("c-1", since, "CNY")
    assert given_total == Money(min(sum(requests), Decimal(500)), "CNY")


@pytest.mark.parametrize("ending", ["withdrawn", "rejected"])
def test_an_offer_left_open_when_its_case_ends_lapses(desk: Desk, ending: str) -> None:
    ended = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("300"), actor="x")
    desk.offer_compensation(ended.id, "comp-1", actor="x")
    desk.transition(ended.id, ending, actor="x")
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("0", "CNY")
    later = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("300"), actor="x")
    assert later.compensation[0]["decision"]["total"]["amount"] == "300.00"
    for answer in (desk.accept_compensation, desk.decline_compensation):
        with pytest.raises(InvalidInput, match=f"is {ending} for good; answering comp-1 is over"):
            answer(ended.id, "comp-1", actor="customer")  # no reopening undoes it


def test_no_offer_is_made_on_a_case_no_longer_open(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("100"), actor="x")
    desk.transition(case.id, "withdrawn", actor="x")
    with pytest.raises(InvalidInput, match="is withdrawn for good; offering comp-1 is over"):
        desk.offer_compensation(case.id, "comp-1", actor="x")
    closed = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("100"), actor="x")
    desk.transition(closed.id, "investigating", actor="x")
    desk.resolve(closed.id, "replaced", actor="x")
    desk.transition(closed.id, "closed", actor="x")
    with pytest.raises(InvalidInput, match="is closed; reopen it before offering comp-1"):
        desk.offer_compensation(closed.id, "comp-1", actor="x")  # a closed case can be


def test_accepted_money_counts_after_its_case_ends(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("300"), actor="x")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    desk.transition(case.id, "withdrawn", actor="x")
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("300.00", "CNY")


def test_an_offer_standing_again_after_reopening_cannot_be_accepted_over_the_cap(
    desk: Desk,
) -> None:
    first = desk.propose_compensation(desk.intake(complaint(1)).id, voucher("300"), actor="x")
    desk.offer_compensation(first.id, "comp-1", actor="x")
    desk.transition(first.id, "investigating", actor="x")
    desk.resolve(first.id, "replaced the item", actor="x")
    desk.close(first.id, actor="x")  # the offer lapses: the next case may be offered the room
    second = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("500"), actor="x")
    desk.approve_compensation(second.id, "comp-1", role="supervisor", actor="boss")
    desk.offer_compensation(second.id, "comp-1", actor="x")
    desk.reopen(first.id, actor="x", reason="the customer came back")  # the first stands again
    desk.accept_compensation(second.id, "comp-1", actor="customer")
    with pytest.raises(InvalidInput, match="over the cap"):
        desk.accept_compensation(first.id, "comp-1", actor="customer")
    desk.decline_compensation(first.id, "comp-1", actor="customer", reason="over the cap")
    since = desk.clock.now() - timedelta(days=90)
    assert desk.storage.compensation_total("c-1", since, "CNY") == Money("500.00", "CNY")


def test_a_second_proposal_on_a_case_refunds_only_what_was_not_paid_back_yet(desk: Desk) -> None:
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "refund", "full": True}]}],
    }
    policy = CompensatingPolicy(compensation=compile_section(section))
    desk = Desk(policy, storage=desk.storage, clock=desk.clock)
    case = desk.propose_compensation(desk.intake(complaint(1)).id, actor="x")  # 199.00 paid
    desk.offer_compensation(case.id, "comp-1", actor="x")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    again = desk.propose_compensation(case.id, actor="x")
    assert again.compensation[1]["decision"]["total"]["amount"] == "0.00"


def test_two_proposals_decided_before_either_was_offered_cannot_both_refund(desk: Desk) -> None:
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "refund", "full": True}]}],
    }
    policy = CompensatingPolicy(compensation=compile_section(section))
    desk = Desk(policy, storage=desk.storage, clock=desk.clock)
    case = desk.propose_compensation(desk.intake(complaint(1)).id, actor="x")
    desk.propose_compensation(case.id, actor="x")  # decided while comp-1 refunds nothing yet
    desk.offer_compensation(case.id, "comp-1", actor="x")
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="propose again"):
        desk.offer_compensation(case.id, "comp-2", actor="x")


def test_money_the_law_owes_beyond_the_price_is_offered_after_a_refund(desk: Desk) -> None:
    """A full refund accepted, then the statute's damages as a `beyond_paid` refund (退一赔三):
    the offer was refused as refunding more than was paid, and a later refund's room was
    taken by the damages."""
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "r",
                "when": {"field": "fraud", "exists": False},
                "remedies": [{"kind": "refund", "full": True}],
            },
            {
                "id": "art55",
                "when": {"field": "fraud", "==": True},
                "remedies": [{"kind": "refund", "percent": 300, "beyond_paid": True}],
            },
        ],
    }
    policy = CompensatingPolicy(compensation=compile_section(section))
    desk = Desk(policy, storage=desk.storage, clock=desk.clock)
    case = desk.propose_compensation(desk.intake(complaint(1)).id, actor="x")  # 199.00 paid
    desk.offer_compensation(case.id, "comp-1", actor="x")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    damages = desk.propose_compensation(case.id, {"fraud": True}, actor="x")
    assert damages.compensation[1]["decision"]["total"]["amount"] == "597.00"
    desk.offer_compensation(case.id, "comp-2", actor="x")
    case = desk.accept_compensation(case.id, "comp-2", actor="customer")
    assert [c["status"] for c in case.compensation] == ["accepted", "accepted"]
    again = desk.propose_compensation(case.id, actor="x")  # the price is paid back already
    assert again.compensation[2]["decision"]["total"]["amount"] == "0.00"


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_two_workers_offering_at_once_cannot_pass_one_cap_together(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Two processes offer 300 each under a 500 cap at the same moment: the second reads
    the money given after the first's offer is stored, so it is refused (both passed when
    each read the totals before the other wrote)."""
    url = (
        f"sqlite:///{tmp_path / 'c.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    first, second = Desk(policy, storage=url, clock=clock), Desk(policy, storage=url, clock=clock)
    one = first.propose_compensation(first.intake(complaint(1)).id, voucher("300"), actor="x")
    two = first.propose_compensation(first.intake(complaint(2)).id, voucher("300"), actor="x")
    outcome: list[object] = []

    def other_worker() -> None:
        try:
            outcome.append(second.offer_compensation(two.id, "comp-1", actor="y"))
        except InvalidInput as exc:
            outcome.append(exc)

    read = first.storage.compensation_total

    def racing(*args: Any, **kwargs: Any) -> Money:
        total = read(*args, **kwargs)
        worker = threading.Thread(target=other_worker)
        worker.start()  # it offers while this worker holds totals it has read
        worker.join(timeout=1)  # it finishes unless this worker's offer holds it back
        first.storage.compensation_total = read  # type: ignore[method-assign]
        return total

    first.storage.compensation_total = racing  # type: ignore[method-assign]
    first.offer_compensation(one.id, "comp-1", actor="x")
    for _ in range(100):
        if outcome:
            break
        threading.Event().wait(0.05)
    [refused] = outcome
    assert isinstance(refused, InvalidInput)
    offered = [c for case in (one, two) for c in first.get(case.id).compensation]
    assert [c["status"] for c in offered].count("offered") == 1
    first.storage.close()
    second.storage.close()


BIG_CAP = {
    "currency": "CNY",
    "rules": SECTION["rules"],
    "caps": [{"limit": "1234567.90", "days": 90}],
}


def test_offers_and_acceptances_fit_a_cap_to_the_cent_in_a_six_digit_context(desk: Desk) -> None:
    """An application may lower the decimal precision: 1234567.89 + 0.01 under a cap of
    1234567.90 fits, where the offer was refused as giving 1.23457E+6 CNY."""
    policy = CompensatingPolicy(compensation=compile_section(BIG_CAP))
    desk = Desk(policy, storage=desk.storage, clock=desk.clock)
    with localcontext(prec=6):
        first = desk.propose_compensation(
            desk.intake(complaint(1)).id, voucher("1234567.89"), actor="x"
        )
        desk.offer_compensation(first.id, "comp-1", actor="x")
        desk.accept_compensation(first.id, "comp-1", actor="customer")
        cent = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("0.01"), actor="x")
        desk.offer_compensation(cent.id, "comp-1", actor="x")
        desk.accept_compensation(cent.id, "comp-1", actor="customer")
        since = desk.clock.now() - timedelta(days=90)
        given_total = desk.storage.compensation_total("c-1", since, "CNY")
    assert str(given_total) == "1234567.90 CNY"


def _given_in_dollars(desk: Desk, n: int, *, accept: bool) -> None:
    """Customer c-1 is offered (and maybe accepts) 100 USD under a policy in dollars."""
    in_dollars = {**SECTION, "currency": "USD", "approvals": [], "caps": []}
    policy = CompensatingPolicy(compensation=compile_section(in_dollars))
    dollars = Desk(policy, storage=desk.storage, clock=desk.clock)
    usd = {**complaint(n), "amount": {"amount": "100.00", "currency": "USD"}}
    case = dollars.propose_compensation(
        dollars.intake(usd).id, {"voucher": Money("100", "USD")}, actor="x"
    )
    dollars.offer_compensation(case.id, "comp-1", actor="x")
    if accept:
        dollars.accept_compensation(case.id, "comp-1", actor="customer")


def test_an_offer_under_a_cap_in_yuan_is_refused_when_dollars_were_given(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("100"), actor="x")
    _given_in_dollars(desk, 1, accept=True)  # after the proposal, which it would refuse
    with pytest.raises(InvalidInput, match=r"100\.00 USD .* cap in CNY"):
        desk.offer_compensation(case.id, "comp-1", actor="x")
    assert desk.get(case.id).compensation[0]["status"] == "proposed"


def test_accepting_under_a_cap_in_yuan_is_refused_when_dollars_were_given(desk: Desk) -> None:
    case = desk.propose_compensation(desk.intake(complaint(2)).id, voucher("100"), actor="x")
    desk.offer_compensation(case.id, "comp-1", actor="x")
    _given_in_dollars(desk, 1, accept=True)
    with pytest.raises(InvalidInput, match=r"100\.00 USD .* cap in CNY"):
        desk.accept_compensation(case.id, "comp-1", actor="customer")
    desk.decline_compensation(case.id, "comp-1", actor="customer")


MIXED = {
    "currency": "CNY",
    "rules": [
        {
            "id": "both",
            "remedies": [
                {"kind": "voucher", "amount": {"percent": 100, "of": "voucher", "default": 0}},
                {"kind": "refund", "amount": {"percent": 100, "of": "refund", "default": 0}},
            ],
        },
    ],
    "approvals": [{"above": 300, "role": "supervisor"}],
    "caps": [{"limit": 300, "days": 90}],
}
CASES = 2
amounts = st.decimals(min_value=0, max_value=400, places=2)
#: "propose" stops at the offer and "offer" offers the latest proposal: decided before
#: another case's offer, it may no longer fit.
answers = st.sampled_from(["accept", "decline", "leave", "propose"])
steps = st.one_of(
    st.tuples(st.just("settle"), st.integers(0, CASES - 1), amounts, amounts, answers),
    st.tuples(st.sampled_from(["offer", "accept", "end", "reopen"]), st.integers(0, CASES - 1)),
    st.tuples(st.just("wait"), st.integers(1, 30)),
)


def _step(desk: Desk, ids: list[str], step: tuple[Any, ...]) -> None:
    """One move of an agent or a customer, stopping at the first part the Desk refuses."""
    name, *args = step
    if name == "wait":
        assert isinstance(desk.clock, ManualClock)
        desk.clock.advance(timedelta(days=args[0]))
    elif name == "settle":
        _settle(desk, ids[args[0]], Money(args[1], "CNY"), Money(args[2], "CNY"), args[3])
    elif name in ("offer", "accept"):  # the latest, which may stand again after a reopening
        case = desk.get(ids[args[0]])
        latest = case.compensation[-1]["id"] if case.compensation else "comp-1"
        act = desk.offer_compensation if name == "offer" else desk.accept_compensation
        act(case.id, latest, actor="x")
    elif name == "end":
        if desk.get(ids[args[0]]).status.value == "received":
            desk.transition(ids[args[0]], "investigating", actor="x")
        desk.resolve(ids[args[0]], "settled", actor="x")
        desk.close(ids[args[0]], actor="x")
    else:
        desk.reopen(ids[args[0]], actor="x", reason="came back")


def _settle(desk: Desk, case_id: str, voucher: Money, refund: Money, answer: str) -> None:
    """Propose a voucher and a refund, approve, offer, and have the customer answer (or not)."""
    case = desk.propose_compensation(case_id, {"voucher": voucher, "refund": refund}, actor="x")
    latest = case.compensation[-1]
    for role in latest["approvals_needed"]:
        desk.approve_compensation(case_id, latest["id"], role=role, actor="boss")
    if answer == "propose":
        return
    desk.offer_compensation(case_id, latest["id"], actor="x")
    if answer in ("accept", "decline"):
        respond = desk.accept_compensation if answer == "accept" else desk.decline_compensation
        respond(case_id, latest["id"], actor="customer")


def _accepted(case: Case, kind: str) -> list[tuple[datetime, Decimal]]:
    return [
        (datetime.fromisoformat(entry["offered_at"]), Decimal(remedy["amount"]["amount"]))
        for entry in case.compensation
        if entry["status"] == "accepted"
        for remedy in entry["decision"]["remedies"]
        if remedy["kind"] == kind
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=28),
    st.lists(amounts.filter(bool), min_size=CASES, max_size=CASES),
    st.lists(steps, min_size=8, max_size=30),
)
def test_no_customer_is_given_beyond_a_cap_nor_refunded_beyond_the_price(
    precision: int, prices: list[Decimal], moves: list[tuple[Any, ...]]
) -> None:
    """Offers, answers, refunds and reopenings over one customer's cases, in whatever
    decimal precision the application runs: what the customer accepted stays within the
    cap over every 90 days and, per case, within what was paid."""
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    policy = CompensatingPolicy(compensation=compile_section(MIXED))
    desk = Desk(policy, storage=MemoryStorage(), clock=clock)
    ids = []
    for n, price in enumerate(prices):
        paid = {**complaint(n), "amount": {"amount": str(price), "currency": "CNY"}}
        ids.append(desk.intake(paid).id)
    for move in moves:
        refused = contextlib.suppress(InvalidInput, IllegalTransition)  # the move ends there
        with localcontext(prec=precision), refused:
            _step(desk, ids, move)
        cases = [desk.get(case_id) for case_id in ids]
        since = clock.now() - timedelta(days=90)
        vouchers = [amount for c in cases for at, amount in _accepted(c, "voucher") if at >= since]
        assert sum(vouchers) <= 300
        for case, price in zip(cases, prices, strict=True):
            assert sum(amount for _, amount in _accepted(case, "refund")) <= price
