"""A letter that has no address to go to is one dead letter, however the policy names it.

For any rules (a role written twice, two rules alike, two templates, two notifiers) and
any contacts missing, each event leaves one dead letter per notifier, template and role it
could not be sent to — not one per rule or per repeat of a role, and none more on later
delivery passes — and every letter that has an address is sent, once to each mailbox."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Location
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.notify.base import Message
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy

TEMPLATES = {
    "ack": {"en": {"subject": "About {case.id}", "body": "Dear {customer.name}."}},
    "note": {"en": {"subject": "Note on {case.id}", "body": "Note: {message}"}},
}
ROLES = ("customer", "owner", "team_lead", "manager")


class Keeping:
    sent: ClassVar[list[tuple[str, Message]]] = []

    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, message: Message) -> None:
        self.sent.append((self.name, message))


class KeepingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("keeping", Keeping)


@attrs.frozen
class WithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


rule = st.fixed_dictionaries(
    {
        "on": st.sampled_from(["opened", "responded"]),
        "notify": st.lists(st.sampled_from(ROLES), min_size=1, max_size=4),
        "via": st.sampled_from(["a", "b"]),
        "template": st.sampled_from(["ack", "note"]),
    }
)
contacts = st.fixed_dictionaries(
    {
        "owners": st.sampled_from([{}, {"li.na": "li.na@shop.example"}]),
        "team_leads": st.sampled_from([{}, {"care": "LI.NA@shop.example"}]),
        "managers": st.sampled_from([[], ["boss@shop.example"], ["boss@shop.example"] * 2]),
    }
)


def addresses(role: str, given: dict[str, Any], contact: str | None, kind: str) -> list[str]:
    """Whom ``role`` reaches on an event of ``kind``: no owner nor team yet when opened."""
    if role == "customer":
        return [contact] if contact else []
    if kind == "opened" and role in ("owner", "team_lead"):
        return []
    if role == "owner":
        return list(given["owners"].values())
    if role == "team_lead":
        return list(given["team_leads"].values())
    return list(given["managers"])


@settings(max_examples=60, deadline=None)
@given(
    rules=st.lists(rule, min_size=1, max_size=4),
    given_contacts=contacts,
    contact=st.sampled_from([None, "sam@example.com"]),
    responses=st.integers(0, 2),
)
def test_each_letter_without_an_address_is_one_dead_letter(
    rules: list[dict[str, Any]],
    given_contacts: dict[str, Any],
    contact: str | None,
    responses: int,
) -> None:
    notifications = {
        "notifiers": {
            "a": {"type": "keeping", "options": {"name": "a"}},
            "b": {"type": "keeping", "options": {"name": "b"}},
        },
        "contacts": given_contacts,
        "rules": rules,
    }
    policy = WithNotifications(
        notifications=compile_notifications(
            TEMPLATES, notifications, locate=lambda path: Location("policy.yaml", path=path)
        )
    )
    pm = plugin_manager(load_entrypoints=False)
    pm.register(KeepingPlugin())
    clock = ManualClock(datetime(2026, 11, 23, 2, tzinfo=UTC))
    desk = Desk(policy, storage="memory:", clock=clock, plugins=Plugins(pm))
    Keeping.sent = []
    customer = {"id": "c1", "name": "Sam"} | ({"contact": contact} if contact else {})
    case = desk.intake(
        {
            "channel": "phone",
            "external_id": "P-1",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": customer,
            "text": "the parcel is late",
            "language": "en",
        }
    )
    case = desk.assign(case.id, "li.na", team="care", actor="lead")
    for n in range(responses):
        desk.respond(case.id, f"answer {n}", actor="li.na")
    for _ in range(3):  # later passes and ticks add no letter
        desk.deliver()
        clock.advance(timedelta(hours=7))
        desk.tick()

    events = [e for e in desk.storage.events(case.id) if e.kind in ("opened", "responded")]
    missing: set[tuple[int, str, str, str]] = set()
    letters: set[tuple[int, str, str, bool, str]] = set()
    for event in events:
        for r in rules:
            if r["on"] != event.kind:
                continue
            for role in r["notify"]:
                found = addresses(role, given_contacts, contact, event.kind)
                if not found:
                    missing.add((event.seq, r["via"], r["template"], role))
                for address in found:
                    mailbox = address.casefold()
                    letters.add((event.seq, r["via"], r["template"], role == "customer", mailbox))

    dead = desk.storage.dead_letters()
    assert all(json.loads(d.raw)["case_id"] == case.id for d in dead)
    assert len(dead) == len(missing)
    assert Counter(d.source for d in dead) == Counter(f"notify:{via}" for _, via, _, _ in missing)
    sent = Counter(
        (m.data["seq"], via, m.data["template"], m.role == "customer", m.to.casefold())
        for via, m in Keeping.sent
    )
    assert sent == Counter(letters)
