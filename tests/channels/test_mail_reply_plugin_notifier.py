"""A plugin that mails the customer through its own service (a provider's HTTP API, not
SMTP) writes each letter's Message-ID from its delivery id, as the smtp notifier does; yet
a reply naming that letter opened a new case, acknowledged afresh, because only letters of
an ``smtp`` notifier were looked for. A notifier that says under which Message-ID it mails
a delivery (``message_id(delivery_id)``) now threads replies like the smtp notifier, and
its ``sender`` is staff; one that does not (a pager, a webhook) still threads nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.case import Case
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint", body: "Thank you."}}
notifications:
  notifiers:
    mail: {type: VIA, options: {sender: care@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)


class Relay:
    """Mails through a provider's API under ``<delivery-id@shop.example>``."""

    def __init__(self, sender: str) -> None:
        self.sender = sender

    def message_id(self, delivery_id: str) -> str:
        return f"<{delivery_id}@shop.example>"

    def send(self, message: Message) -> None:
        """Posts the letter to the provider (nothing here: the outbox is read directly)."""


class Pager:
    def __init__(self, sender: str) -> None:
        self.sender = sender

    def send(self, message: Message) -> None:
        """Pages someone."""


class MailPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("relay", Relay)
        register("pager", Pager)


def desk_with(tmp_path: Path, via: str) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY.replace("VIA", via), encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(MailPlugin())
    return Desk(
        tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", plugins=Plugins(pm)
    )


def opened(desk: Desk) -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )


def reply(sender: str, desk: Desk, case: Case) -> bytes:
    (letter,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    return (
        f"From: {sender}\nTo: care@shop.example\nSubject: Re: We received your complaint\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"In-Reply-To: <{letter.delivery_id}@shop.example>\n\nStill warm.\n"
    ).encode()


def test_a_reply_to_a_plugins_letter_lands_on_its_case(tmp_path: Path) -> None:
    desk = desk_with(tmp_path, "relay")
    case = opened(desk)
    answered = desk.intake(parse_mail(reply("wang@example.cn", desk, case)))
    assert answered.id == case.id
    assert [c.id for c in desk.find()] == [case.id]


def test_its_sender_answering_is_staff(tmp_path: Path) -> None:
    desk = desk_with(tmp_path, "relay")
    case = opened(desk)
    with pytest.raises(InvalidInput, match="staff"):
        desk.intake(parse_mail(reply("care@shop.example", desk, case)))


def test_a_notifier_that_mails_nothing_threads_nothing(tmp_path: Path) -> None:
    desk = desk_with(tmp_path, "pager")
    case = opened(desk)
    other = desk.intake(parse_mail(reply("wang@example.cn", desk, case)))
    assert other.id != case.id
