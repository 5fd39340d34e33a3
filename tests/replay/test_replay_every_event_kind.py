"""Replaying the policy in force over cases with every kind of event changes nothing, on
SQLite and PostgreSQL: a customer's e-mail reply to the acknowledgement (complaint_added,
taking a case waiting on them back to investigating), escalations fired by a late tick,
compensation declined then accepted, two reopenings, a follow-up the customer refused to
rate, cases imported open and closed; each case event by event. The store is left as
it was."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import RootCause
from complaintkit.model.custom_events import RECORDED
from complaintkit.model.events import CaseEvent
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from smtp_inbox import ParsedInbox, receiving

SUPERMARKET = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.fixture(name="mailbox")
def mailbox_fixture() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


@pytest.fixture(name="url", params=["sqlite", "postgres"])
def url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return str(request.getfixturevalue("postgres_url"))


def _policy(tmp_path: Path, port: int) -> Path:
    """The supermarket's policy on a CN calendar, acknowledging by e-mail, with an
    escalation level skipped."""
    path = tmp_path / "policy.yaml"
    path.write_text(
        f"extends: {SUPERMARKET}\n"
        "calendars:\n"
        '  store: {timezone: Asia/Shanghai, hours: {mon-sun: ["08:00-22:00"]}, '
        "holiday_country: CN}\n"
        "escalation:\n  ladders:\n"
        "    - name: standard\n      levels:\n"  # the supermarket's, with a level skipped
        "        - name: nudge\n          trigger: {sla: first_response, elapsed: 0.5}\n"
        "          when: {field: case.severity, ==: minor}\n"  # it is critical then
        "          actions: [{add_tags: [nudged]}]\n"
        "        - name: unanswered\n          trigger: {sla: first_response, elapsed: 1.0}\n"
        "          actions: [{add_tags: [unanswered]}]\n"
        "        - name: regional_manager\n          trigger: {sla: resolution, elapsed: 1.0}\n"
        "          actions: [{raise_priority: urgent}, {reassign: {owner: zhao.region}}]\n"
        "notifications:\n"
        "  notifiers:\n"
        "    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, "
        f"port: {port}}}}}\n"
        "  rules:\n"
        '    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}\n',
        encoding="utf-8",
    )
    return path


def _offer(desk: Desk, case_id: str, *, accept: bool) -> None:
    case = desk.propose_compensation(case_id, actor="li.na")
    entry = case.compensation[-1]
    for role in entry["approvals_needed"]:
        desk.approve_compensation(case_id, entry["id"], role=role, actor="boss")
    desk.offer_compensation(case_id, entry["id"], actor="li.na")
    if accept:
        desk.accept_compensation(case_id, entry["id"], actor="customer")
    else:
        desk.decline_compensation(case_id, entry["id"], actor="customer", reason="want cash")


def _imported(desk: Desk, number: int, status: str, received: datetime) -> None:
    history: dict[str, object] = {
        "status": status,
        "first_response_at": (received + timedelta(hours=2)).isoformat(),
    }
    if status == "closed":
        history |= {"closed_at": (received + timedelta(days=1)).isoformat()}
        history |= {"sla": {"first_response": "yes"}}
    desk.intake(
        {
            "channel": "old-desk",
            "external_id": f"T{number}",
            "received_at": received.isoformat(),
            "customer": {"id": f"C{number}"},
            "text": "The bread was mouldy",
            "history": history,
        }
    )


def _lived(desk: Desk, clock: ManualClock, mailbox: ParsedInbox) -> str:
    """A case with every kind of event people and the scheduler make; its id."""
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "received_at": clock.now().isoformat(),
            "customer": {"id": "wang@example.cn", "contact": "wang@example.cn"},
            "text": "The milk was spoiled when I opened it",
            "amount": {"amount": "35.50", "currency": "CNY"},
        }
    )
    assert desk.deliver().delivered == 1
    letter = str(mailbox.received[-1]["Message-ID"])
    clock.advance(timedelta(hours=3))
    desk.tick()
    desk.respond(case.id, "on it", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="the receipt")
    clock.advance(timedelta(hours=5))
    sent = format_datetime(clock.now())
    reply = (
        "From: Wang <wang@example.cn>\nTo: care@shop.example\nSubject: Re: your complaint\n"
        f"Date: {sent}\nMessage-ID: <r1@example.cn>\nIn-Reply-To: {letter}\nReferences: {letter}\n\n"
        "Here is the receipt.\n"
    )
    assert desk.intake(parse_mail(reply.encode())).id == case.id
    clock.advance(timedelta(days=3))  # a late tick: every level at once
    desk.tick()
    desk.set_facts(case.id, {"loss": Money("120", "CNY")}, actor="li.na")
    _offer(desk, case.id, accept=False)
    clock.advance(timedelta(hours=2))
    _offer(desk, case.id, accept=True)
    cause = RootCause(fishbone="product", whys=("cold chain",), nature="systemic")
    desk.record_root_cause(case.id, cause, actor="li.na")
    for reopened in ("refunded", "refunded again"):
        desk.resolve(case.id, reopened, actor="li.na")
        clock.advance(timedelta(days=1))
        desk.reopen(case.id, actor="li.na", reason="still spoiled")
        clock.advance(timedelta(days=2))
        desk.tick()
    desk.resolve(case.id, "done", actor="li.na")
    desk.follow_up_refused(case.id, "no thanks", actor="li.na")
    desk.close(case.id, actor="li.na")
    return case.id


def test_every_kind_of_event_replays_to_what_is_stored(
    tmp_path: Path, url: str, mailbox: tuple[ParsedInbox, int]
) -> None:
    clock = ManualClock(datetime(2026, 9, 28, 1, tzinfo=UTC))  # National Day is ahead
    policy = _policy(tmp_path, mailbox[1])
    desk = Desk(policy, storage=url, clock=clock)
    try:
        lived = _lived(desk, clock, mailbox[0])
        for number, status in enumerate(("investigating", "closed")):
            _imported(desk, number, status, clock.now() - timedelta(days=3))
        clock.advance(timedelta(days=10))
        desk.tick()
        kinds = {event.kind for event in desk.history(lived)}
        before = {case.id: desk.history(case.id) for case in desk.find()}
        result = replay_store(desk.storage, load_policy(policy), Plugins())
        each = [
            replay_store(desk.storage, load_policy(policy), Plugins(), case_id=c) for c in before
        ]
        after = {case.id: desk.history(case.id) for case in desk.find()}
    finally:
        desk.storage.close()
    assert {"complaint_added", "escalated", "escalation_skipped"} <= kinds
    assert "compensation_declined" in kinds
    assert {"compensation_accepted", "satisfaction", "sla_breached"} <= kinds
    assert result.rejected == []
    assert result.damaged == []  # no kind refused as unknown
    stored = {event.kind for events in before.values() for event in events}
    assert stored - RECORDED == set()  # every kind written is in the registry
    assert (result.comparison.cases, result.comparison.changed) == (3, 0)
    assert after == before
    for one in each:  # event by event, at the same instants, not only the same figures
        assert one.detail is not None
        assert _timeline(one.detail.candidate_events) == _timeline(one.detail.current_events)


def _timeline(events: Sequence[CaseEvent]) -> list[tuple[str, str, str, str]]:
    return [(event.at.isoformat(), event.kind, event.actor, event.reason) for event in events]
