"""The customer's status token — a key to their case's status page — is never published:
the ``opened`` event went out with it to every publisher (webhooks, brokers) and on
``GET /events``, so whoever reads the feed could read each customer's case. The store keeps
it: the case and its status page still find it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.delivery import Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import Location
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
COMPLAINT = {
    "channel": "web",
    "external_id": "K-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c9", "contact": "c9@example.com"},
    "text": "洗衣机漏水",
}


class Bus:
    published: ClassVar[list[CaseEvent]] = []

    def send(self, message: object) -> None:  # pragma: no cover -- no rule sends messages
        raise AssertionError("no message is sent")

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        self.published.append(event)


class BusPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("bus", Bus)


@attrs.frozen
class PolicyWithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


@pytest.fixture
def desk() -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(BusPlugin())
    Bus.published = []
    section = {"notifiers": {"bus": {"type": "bus"}}, "rules": [], "publish": ["bus"]}
    compiled = compile_notifications({}, section, locate=lambda p: Location("p", path=p))
    policy = PolicyWithNotifications(notifications=compiled)
    return Desk(policy, storage="memory:", plugins=Plugins(pm))


def test_a_published_opened_event_holds_no_status_token(desk: Desk) -> None:
    case = desk.intake(COMPLAINT)
    outbox = json.dumps([d.outgoing.payload for d in desk.storage.deliveries()])
    assert case.status_token not in outbox
    desk.deliver()
    kinds = [event.kind for event in Bus.published]
    assert "opened" in kinds
    for event in Bus.published:
        assert case.status_token not in json.dumps(event.to_json())
    opened = Bus.published[kinds.index("opened")]
    assert "status_token" not in opened.data
    assert opened.data["complaint"]["external_id"] == "K-1"  # the rest is published
    assert desk.history(case.id)[0].data["status_token"] == case.status_token  # kept
    assert desk.storage.find_by_token(case.status_token) is not None


def test_an_event_enqueued_with_its_token_is_published_without_it(desk: Desk) -> None:
    """An outbox filled by an older version holds opened events as stored."""
    case = desk.intake(COMPLAINT)
    opened = desk.history(case.id)[0]
    stored = Outgoing("d-old", "bus", "event", case.id, opened.to_json(), opened.at)
    assert "status_token" not in stored.as_event().data
    assert stored.as_event().hash == opened.hash


@pytest.fixture
def served(desk: Desk) -> Iterator[tuple[httpx.Client, Desk]]:
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def test_the_events_feed_holds_no_status_token(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case = desk.intake(COMPLAINT)
    page = client.get("/events", headers={"Authorization": f"Bearer {AGENT}"})
    assert page.status_code == 200
    events: list[dict[str, Any]] = page.json()["events"]
    assert events[0]["kind"] == "opened"
    assert case.status_token not in page.text
    assert client.get(f"/status/{case.status_token}").status_code == 200  # still its page
