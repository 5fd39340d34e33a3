"""One event's letter goes once to each address: a team lead who also owns the case, a
manager listed twice, a role named twice in a rule, or two rules sending the same template
through the same notifier would otherwise mail the same person the same letter twice."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.notify import notifications
from complaintkit.notify.mail_address import one_address
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  staff:
    en: {subject: "New case {case.id}", body: "A new case for the team."}
  ack:
    en: {subject: "We received {case.id}", body: "Dear {customer.name}, thank you."}
notifications:
  notifiers:
    log: {type: log}
    other: {type: log}
  contacts:
    owners: {li.na: li.na@shop.example}
    team_leads: {care: li.na@shop.example}
    managers: [boss@shop.example, boss@shop.example, li.na@shop.example]
  rules:
RULES"""
)


def _letters(tmp_path: Path, rules: str) -> Counter[tuple[str, str, str]]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("RULES", rules), encoding="utf-8")
    clock = ManualClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "W-1",
            "received_at": "2026-12-03T09:30:00+08:00",
            "customer": {"id": "c1", "name": "Sam", "contact": "sam@example.com"},
            "text": "the parcel is late",
            "language": "en",
        }
    )
    return Counter(
        (d.outgoing.via, d.outgoing.payload["to"], d.outgoing.payload["subject"])
        for d in desk.storage.deliveries("pending")
        if d.outgoing.kind == "message"
    )


@pytest.mark.parametrize(
    "rules",
    [
        '    - {"on": opened, notify: [owner, team_lead, manager], via: log, template: staff}\n',
        '    - {"on": opened, notify: [manager], via: log, template: staff}\n'
        '    - {"on": opened, notify: [owner], via: log, template: staff}\n',
    ],
)
def test_each_staff_address_gets_the_letter_once(tmp_path: Path, rules: str) -> None:
    letters = _letters(tmp_path, rules)
    assert set(letters.values()) == {1}
    assert {to for _, to, _ in letters} == {"li.na@shop.example", "boss@shop.example"}


def test_the_customer_named_twice_gets_the_letter_once(tmp_path: Path) -> None:
    rules = (
        '    - {"on": opened, notify: [customer, customer], via: log, template: ack}\n'
        '    - {"on": opened, notify: [customer], via: log, template: ack}\n'
    )
    letters = _letters(tmp_path, rules)
    assert list(letters.values()) == [1]


def test_other_letters_or_notifiers_still_go_to_the_same_address(tmp_path: Path) -> None:
    rules = (
        '    - {"on": opened, notify: [owner], via: log, template: staff}\n'
        '    - {"on": opened, notify: [owner], via: other, template: staff}\n'
        '    - {"on": opened, notify: [owner], via: log, template: ack}\n'
    )
    letters = _letters(tmp_path, rules)
    assert sorted(letters.values()) == [1, 1, 1]


def test_a_letter_to_one_address_reads_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading an address costs more than the rest of the letter: it is read only where
    one letter goes to more than one address (the demo policy's intake spent 14% more
    instructions when every letter's address was read)."""
    read: list[str] = []

    def reading(contact: str) -> object:
        read.append(contact)
        return one_address(contact)

    monkeypatch.setattr(notifications, "one_address", reading)
    rules = (
        '    - {"on": opened, notify: [customer], via: log, template: ack}\n'
        '    - {"on": opened, notify: [owner], via: log, template: staff}\n'
        '    - {"on": opened, notify: [owner], via: other, template: staff}\n'
    )
    assert sorted(_letters(tmp_path, rules).values()) == [1, 1, 1]
    assert read == []
    rules = '    - {"on": opened, notify: [owner, manager], via: log, template: staff}\n'
    (tmp_path / "two").mkdir()
    assert set(_letters(tmp_path / "two", rules).values()) == {1}
    assert "li.na@shop.example" in read
