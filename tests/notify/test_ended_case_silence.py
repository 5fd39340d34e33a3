"""Nothing reaches the customer of a case that ended, unless a rule says it must (a recall
notice to past complainants): staff are still told."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import pytest

from complaintkit.desk import Desk
from complaintkit.errors import Location
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.case import Case
from complaintkit.notify.base import Message
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.policy.schema import schema_problems

TEMPLATES = {
    "notice": {"en": {"subject": "About {case.id}", "body": "{event.kind}"}},
    "closing": {"en": {"subject": "Closed {case.id}", "body": "bye"}},
    "back": {"en": {"subject": "Reopened {case.id}", "body": "again"}},
}


def rules(**recall: Any) -> list[dict[str, Any]]:
    common = {"notify": ["customer", "manager"], "via": "test", "template": "notice"}
    return [
        {"on": "batch_recalled", **common, **recall},
        {"on": "incident_detected", **common, **recall},
        {"on": "transitioned", "to": "closed", **common, "template": "closing"},
        {"on": "transitioned", "to": "withdrawn", **common, "template": "closing"},
        {"on": "transitioned", "to": "reopened", **common, "template": "back"},
    ]


class Sent:
    messages: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        self.messages.append(message)


class SentPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("recording", Sent)


@attrs.frozen
class PolicyWithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


def locate(path: str) -> Location:
    return Location("policy.yaml", path=path)


def desk_with(rule_list: list[dict[str, Any]]) -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(SentPlugin())
    notifications = {
        "notifiers": {"test": {"type": "recording"}},
        "contacts": {"managers": ["boss@shop.example"]},
        "rules": rule_list,
    }
    policy = PolicyWithNotifications(
        notifications=compile_notifications(TEMPLATES, notifications, locate=locate)
    )
    return Desk(policy, storage="memory:", plugins=Plugins(pm))


def ended(desk: Desk, how: str) -> Case:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": f"E-{how}",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": "c1", "contact": "c@example.cn"},
            "text": "the milk was sour",
            "language": "en",
        }
    )
    if how == "closed":
        desk.transition(case.id, "investigating", actor="li")
        desk.resolve(case.id, "refunded", actor="li")
        return desk.close(case.id, actor="li")
    return desk.transition(case.id, how, actor="li", reason=how)


def told(desk: Desk) -> list[tuple[str, str]]:
    Sent.messages = []
    desk.deliver()
    return [(m.role, m.subject) for m in Sent.messages]


@pytest.mark.parametrize("how", ["closed", "withdrawn", "rejected"])
@pytest.mark.parametrize("event", ["batch_recalled", "incident_detected"])
def test_a_case_that_ended_tells_its_customer_nothing_more(how: str, event: str) -> None:
    desk = desk_with(rules())
    case = ended(desk, how)
    told(desk)  # the closing letter, sent while the case ended
    if event == "incident_detected":
        desk.flag_incident(case.id, {"id": "INC-1"})
    else:
        desk.record_event(case.id, event, actor="qa.zhou")
    assert told(desk) == [("manager", f"About {case.id}")]
    assert desk.storage.dead_letters() == []  # a choice of the policy, not a failure


@pytest.mark.parametrize("how", ["closed", "withdrawn"])
def test_the_move_that_ends_a_case_still_tells_the_customer(how: str) -> None:
    desk = desk_with(rules())
    case = ended(desk, how)
    assert ("customer", f"Closed {case.id}") in told(desk)


def test_a_reopened_case_is_open_again_for_its_customer() -> None:
    desk = desk_with(rules())
    case = ended(desk, "closed")
    told(desk)
    desk.reopen(case.id, actor="li", reason="the refund never came")
    assert ("customer", f"Reopened {case.id}") in told(desk)
    desk.record_event(case.id, "batch_recalled", actor="qa.zhou")
    assert ("customer", f"About {case.id}") in told(desk)


@pytest.mark.parametrize("how", ["closed", "withdrawn", "rejected"])
def test_a_rule_may_reach_past_complainants_when_it_says_so(how: str) -> None:
    desk = desk_with(rules(after_case_ended=True))
    case = ended(desk, how)
    told(desk)
    desk.flag_incident(case.id, {"id": "INC-1"})
    assert sorted(told(desk)) == [("customer", f"About {case.id}"), ("manager", f"About {case.id}")]


def test_after_case_ended_is_a_yes_or_no_of_a_rule() -> None:
    document = {
        "complaintkit": 1,
        "name": "recall",
        "version": "1",
        "templates": TEMPLATES,
        "notifications": {
            "notifiers": {"test": {"type": "recording"}},
            "rules": rules(after_case_ended="yes"),
        },
    }
    paths = {problem.location.path for problem in schema_problems(document, locate)}
    assert "notifications.rules[0].after_case_ended" in paths
    document["notifications"]["rules"] = rules(after_case_ended=True)  # type: ignore[index]
    assert schema_problems(document, locate) == []
