"""A complaint declaring a language the policy writes no template in is answered in the
language its text is written in, as its status page is, before the policy's default: an
English complaint declared ``fr`` is not answered 顾客您好."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Location
from complaintkit.notify.policy import compile_notifications
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("declared", "text", "written"),
    [
        ("fr", "The milk I bought was sour, I want a refund", "en"),
        ("ja", "The milk was sour", "en"),
        ("en-US", "买的牛奶变质了", "en"),  # a declared language the policy writes wins
        ("de", "买的牛奶变质了", "zh"),
    ],
)
def test_a_declared_language_without_template_is_answered_in_its_texts(
    declared: str, text: str, written: str
) -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "sam@example.com"},
            "text": text,
            "language": declared,
        }
    )
    [delivery] = desk.storage.deliveries(case_id=case.id)
    subject = delivery.outgoing.payload["subject"]
    assert subject.startswith("We received") if written == "en" else subject.startswith("您的投诉")


def test_the_default_language_answers_when_neither_has_a_template() -> None:
    templates = {
        "ack": {"ja": {"subject": "受付", "body": "."}, "en": {"subject": "Got it", "body": "."}}
    }
    policy = compile_notifications(
        templates,
        {"default_language": "ja", "notifiers": {"log": {"type": "log"}}, "rules": []},
        locate=lambda path: Location("policy.yaml", path=path),
    )
    assert policy.template("ack", "fr", "zh")[0] == "ja"
    assert policy.template("ack", "fr", "en")[0] == "en"
    assert policy.template("ack", None, "zh")[0] == "ja"


@pytest.mark.parametrize("text", ["SF1234567890", "\U0001f621\U0001f621 12345 !!!", "A-1234"])
def test_a_text_showing_no_language_is_answered_in_the_default_language(text: str) -> None:
    """An order number or emoji is written in no language: the policy's default answers
    (the supermarket writes zh), not English."""
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "sam@example.com"},
            "text": text,
        }
    )
    [delivery] = desk.storage.deliveries(case_id=case.id)
    assert delivery.outgoing.payload["subject"].startswith("您的投诉")
