"""Every letter that cannot be sent keeps a dead letter of its own, naming its event.

A letter with no address (a customer who gave no contact) is a dead letter from
``notify:<notifier>``; a store keeps a letter with the same source, raw and reason once. Its
raw named the case and the event's kind alone, so the second response to that customer —
same case, same kind, same template — was taken for the first and kept nothing: the desk
saw one unsent letter where two were never sent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

from complaintkit.desk import Desk
from complaintkit.errors import Location
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.notify.base import Message
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy

TEMPLATES = {
    "answer": {"zh": {"subject": "关于 {case.id} 的答复", "body": "{message}"}},
}
NOTIFICATIONS = {
    "default_language": "zh",
    "notifiers": {"kept": {"type": "keeping"}},
    "contacts": {"managers": ["boss@shop.example"]},
    "rules": [{"on": "responded", "notify": ["customer"], "via": "kept", "template": "answer"}],
}


class Keeping:
    sent: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        self.sent.append(message)


class KeepingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("keeping", Keeping)


@attrs.frozen
class WithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


@pytest.mark.parametrize("storage", ["memory:", "sqlite"])
def test_two_responses_to_a_customer_without_contact_keep_two_dead_letters(
    tmp_path: Path, storage: str
) -> None:
    policy = WithNotifications(
        notifications=compile_notifications(
            TEMPLATES, NOTIFICATIONS, locate=lambda path: Location("policy.yaml", path=path)
        )
    )
    pm = plugin_manager(load_entrypoints=False)
    pm.register(KeepingPlugin())
    url = f"sqlite:///{tmp_path / 'cases.db'}" if storage == "sqlite" else storage
    desk = Desk(policy, storage=url, plugins=Plugins(pm))
    case = desk.intake(
        {
            "channel": "phone",
            "external_id": "P-1",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": "c1", "name": "王芳"},
            "text": "牛奶变质了",
        }
    )
    desk.respond(case.id, "我们正在核实。", actor="li.na")
    desk.respond(case.id, "已为您全额退款。", actor="li.na")
    letters = [d for d in desk.storage.dead_letters() if d.source == "notify:kept"]
    assert len(letters) == 2
    raws = [json.loads(letter.raw) for letter in letters]
    assert raws == [{"case_id": case.id, "event": "responded"}] * 2  # as kept before
    seqs = [e.seq for e in desk.storage.events(case.id) if e.kind == "responded"]
    # which event each letter was for
    assert [
        f"on responded (event {seq})" in letter.reason
        for letter, seq in zip(letters, seqs, strict=True)
    ] == [True, True]
