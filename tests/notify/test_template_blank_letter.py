"""A template never sends a blank letter: a subject or body of nothing but spaces is an
error at ``validate``, at its key; one made only of fields that a case leaves empty
(``{case.resolution}`` before anyone wrote one) is kept as a dead letter saying so, not
sent to the customer as an empty mail. A template too long for a policy is one error at
its key, with no crash of the notifications section beside it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import check_policy, load_policy
from complaintkit.policy.source import MAX_TEXT_CHARS
from complaintkit.testing.policies import MINIMAL_POLICY

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
extends: ./base.yaml
templates:
  ack:
    en:
      subject: "SUBJECT"
      body: "BODY"
notifications:
  notifiers:
    log: {type: log}
  rules:
    - {"on": opened, notify: [customer], via: log, template: ack}
"""


def _problems(tmp_path: Path, subject: str, body: str) -> dict[str, list[str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    text = POLICY.replace('"SUBJECT"', subject).replace('"BODY"', body)
    path.write_text(text, "utf-8")
    found: dict[str, list[str]] = {}
    for p in check_policy(path):
        if p.severity == "error":
            found.setdefault(p.location.path, []).append(p.message)
    return found


@pytest.mark.parametrize(
    "blank",
    ['""', '"   "', '"\\n\\t "', '"\\u3000"', "|\n        \n", '"\\u200b"', '" \\ufeff\\u2060 "'],
)
@pytest.mark.parametrize("part", ["subject", "body"])
def test_a_blank_subject_or_body_is_an_error_at_its_key(
    tmp_path: Path, part: str, blank: str
) -> None:
    subject, body = '"Your complaint {case.id}"', '"We read it, {customer.name}."'
    found = _problems(
        tmp_path, blank if part == "subject" else subject, blank if part == "body" else body
    )
    assert list(found) == [f"templates.ack.en.{part}"]
    assert "empty" in found[f"templates.ack.en.{part}"][0]


def test_literal_braces_alone_are_text(tmp_path: Path) -> None:
    assert _problems(tmp_path, '"{{}}"', '"{case.id}"') == {}


def test_an_overlong_body_is_one_error_at_its_key(tmp_path: Path) -> None:
    body = '"' + "x" * (MAX_TEXT_CHARS + 1) + '"'
    found = _problems(tmp_path, '"Your complaint {case.id}"', body)
    assert list(found) == ["templates.ack.en.body"]
    assert len(found["templates.ack.en.body"]) == 1


RUNTIME = (
    MINIMAL_POLICY
    + """\
templates:
  resolution:
    en: {subject: "Your complaint {case.id}", body: "BODY"}
notifications:
  notifiers: {log: {type: log}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer, owner], via: log, template: resolution}
"""
)


def _desk(tmp_path: Path, body: str, subject: str = '"Your complaint {case.id}"') -> Desk:
    path = tmp_path / "policy.yaml"
    text = RUNTIME.replace('"BODY"', body).replace('"Your complaint {case.id}"', subject)
    path.write_text(text, encoding="utf-8")
    clock = ManualClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    return Desk(load_policy(path), storage="memory:", clock=clock)


COMPLAINT = {
    "channel": "web",
    "external_id": "M-1",
    "received_at": "2026-12-03T09:30:00+08:00",
    "customer": {"id": "c1", "name": "Sam", "contact": "sam@example.com"},
    "text": "the parcel is late",
}


@pytest.mark.parametrize("body", ['"{case.resolution}"', '" {case.resolution}\\n{message} "'])
def test_a_letter_that_renders_blank_is_a_dead_letter_not_an_empty_mail(
    tmp_path: Path, body: str
) -> None:
    desk = _desk(tmp_path, body)
    case = desk.intake(COMPLAINT)
    assert not desk.storage.deliveries("pending")
    reasons = [letter.reason for letter in desk.storage.dead_letters()]
    assert len(reasons) == 2  # the customer's and the owner's
    assert all(case.id in r and "'resolution'" in r and "empty" in r for r in reasons)


def test_a_letter_with_text_beside_an_empty_field_is_sent(tmp_path: Path) -> None:
    desk = _desk(tmp_path, '"Resolved: {case.resolution}"')
    desk.intake(COMPLAINT)
    bodies = [d.outgoing.payload["body"] for d in desk.storage.deliveries("pending")]
    assert bodies == ["Resolved: ", "Resolved: "]
    assert not desk.storage.dead_letters()


@pytest.mark.parametrize("subject", ['"{case.subject}"', '" {case.subject}\\u3000{message} "'])
def test_a_letter_whose_subject_renders_blank_is_a_dead_letter_not_a_mail_without_one(
    tmp_path: Path, subject: str
) -> None:
    desk = _desk(tmp_path, '"We read it, {customer.name}."', subject)
    case = desk.intake(COMPLAINT)  # no subject written
    assert not desk.storage.deliveries("pending")
    reasons = [letter.reason for letter in desk.storage.dead_letters()]
    assert len(reasons) == 2  # the customer's and the owner's
    assert all(
        case.id in r and "'resolution'" in r and "subject" in r and "empty" in r for r in reasons
    )


def test_a_subject_with_text_beside_an_empty_field_is_sent(tmp_path: Path) -> None:
    desk = _desk(tmp_path, '"We read it."', '"Re: {case.subject}"')
    desk.intake(COMPLAINT)
    subjects = [d.outgoing.payload["subject"] for d in desk.storage.deliveries("pending")]
    assert subjects == ["Re: ", "Re: "]
    assert not desk.storage.dead_letters()


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff\u200d", " \u2060\u3000"])
def test_a_subject_of_invisible_characters_alone_is_blank(tmp_path: Path, invisible: str) -> None:
    # a zero-width space or byte order mark pasted from a chat app shows as nothing
    desk = _desk(tmp_path, '"We read it."', '"{case.subject}"')
    desk.intake({**COMPLAINT, "subject": invisible})
    assert not desk.storage.deliveries("pending")
    assert len(desk.storage.dead_letters()) == 2
