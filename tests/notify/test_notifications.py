# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""Routing: policy rules pick recipients, templates and notifiers; intake only enqueues."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Location, PolicyError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.notify.base import Message
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.policy.compiled import load_policy

TEMPLATES = {
    "acknowledgement": {
        "zh": {"subject": "投诉 {case.id} 已受理", "body": "{customer.name}您好，我们已收到。"},
        "en": {"subject": "Complaint {case.id} received", "body": "Dear {customer.name}"},
    },
    "closing_report": {
        "en": {"subject": "Closed", "body": "Cause: {root_cause.cause}. Done: {case.resolution}"}
    },
}
NOTIFICATIONS = {
    "default_language": "en",
    "notifiers": {"test": {"type": "recording"}},
    "contacts": {
        "owners": {"complaints-desk": "desk@shop.example"},
        "managers": ["boss@shop.example"],
    },
    "rules": [
        {
            "on": "opened",
            "notify": ["customer", "owner"],
            "via": "test",
            "template": "acknowledgement",
        },
        {
            "on": "transitioned",
            "to": "resolved",
            "notify": ["customer", "manager", "team_lead"],
            "via": "test",
            "template": "closing_report",
        },
    ],
}


def locate(path: str) -> Location:
    return Location("policy.yaml", path=path)


class Recording:
    """A notifier that keeps what it was given."""

    sent: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        self.sent.append(message)


class RecordingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("recording", Recording)


@attrs.frozen
class PolicyWithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


@pytest.fixture
def desk() -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(RecordingPlugin())
    Recording.sent = []
    policy = PolicyWithNotifications(
        notifications=compile_notifications(TEMPLATES, NOTIFICATIONS, locate=locate)
    )
    return Desk(policy, storage="memory:", plugins=Plugins(pm))


def complaint(language: str | None, contact: str | None = "c@example.cn") -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": "web",
        "external_id": f"N-{language}-{contact}",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "c1", "name": "王芳", **({"contact": contact} if contact else {})},
        "text": "坏了",
    }
    if language:
        data["language"] = language
    return data


def test_intake_enqueues_messages_and_deliver_sends_them(desk: Desk) -> None:
    case = desk.intake(complaint("zh"))
    assert Recording.sent == []
    assert [d.outgoing.via for d in desk.storage.deliveries("pending")] == ["test", "test"]
    assert desk.deliver().delivered == 2
    assert [(m.to, m.role, m.language, m.subject) for m in Recording.sent] == [
        ("c@example.cn", "customer", "zh", f"投诉 {case.id} 已受理"),
        ("desk@shop.example", "owner", "zh", f"投诉 {case.id} 已受理"),
    ]


def test_language_without_template_falls_back_to_the_texts(desk: Desk) -> None:
    """Declared ``fr``, written 坏了: answered in Chinese, as its status page is, not in the
    default ``en`` (which answers when the text's language has no template either)."""
    desk.intake(complaint("fr"))
    desk.deliver()
    assert {m.language for m in Recording.sent} == {"zh"}


@pytest.mark.parametrize("declared", ["zh-CN", "zh_CN", "ZH", "zh-Hans-CN"])
def test_a_declared_language_tag_finds_the_template_of_its_language(
    desk: Desk, declared: str
) -> None:
    """A channel or browser declares a tag (``zh-CN``), the policy writes ``zh``: the
    customer is answered in Chinese, as the status page is, not in the default language."""
    desk.intake(complaint(declared))
    desk.deliver()
    assert {(m.language, m.body) for m in Recording.sent if m.role == "customer"} == {
        ("zh", "王芳您好，我们已收到。")
    }


def test_undeclared_language_is_read_from_the_script(desk: Desk) -> None:
    english = {**complaint(None, "smith@example.com"), "text": "The washing machine leaks"}
    desk.intake(english)
    desk.intake({**complaint(None, "wang@example.cn"), "external_id": "N-zh"})
    desk.deliver()
    by_address = {m.to: (m.language, m.body) for m in Recording.sent if m.role == "customer"}
    assert by_address == {
        "smith@example.com": ("en", "Dear 王芳"),
        "wang@example.cn": ("zh", "王芳您好，我们已收到。"),
    }


def test_transition_rule_filters_on_target_status_and_missing_address_is_dead_letter(
    desk: Desk,
) -> None:
    case = desk.intake(complaint("en"))
    desk.respond(case.id, "looking", actor="li")
    desk.resolve(case.id, "replaced it", actor="li")
    desk.deliver()
    closing = [m for m in Recording.sent if m.data["template"] == "closing_report"]
    assert [m.to for m in closing] == ["c@example.cn", "boss@shop.example"]
    assert closing[0].body == "Cause: . Done: replaced it"
    (letter,) = desk.storage.dead_letters()
    assert "no address for the team_lead" in letter.reason
    assert re.search(
        r"template 'closing_report' on transitioned \(event \d+\), via test", letter.reason
    )


def test_unknown_template_and_notifier_are_policy_errors_with_locations() -> None:
    bad = {
        **NOTIFICATIONS,
        "rules": [{"on": "opened", "notify": ["customer"], "via": "fax", "template": "nope"}],
    }
    with pytest.raises(PolicyError) as caught:
        compile_notifications(TEMPLATES, bad, locate=locate)
    paths = [p.location.path for p in caught.value.problems]
    assert paths == ["notifications.rules[0].via", "notifications.rules[0].template"]


def test_template_with_unknown_field_is_a_policy_error() -> None:
    templates = {"acknowledgement": {"en": {"subject": "{case.__dict__}", "body": "x"}}}
    with pytest.raises(PolicyError, match=r"templates\.acknowledgement\.en\.subject"):
        compile_notifications(templates, None, locate=locate)


RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.mark.parametrize(
    ("received", "text", "note"),
    [
        (
            "2026-12-01T22:12:00+08:00",
            "收银员态度很差",
            "您的投诉是在营业时间外收到的，我们将于 2026-12-02 08:00 +08:00 开始处理。",
        ),
        ("2026-12-01T10:12:00+08:00", "收银员态度很差", ""),
        (  # urgent: answered within two hours of the store's day, from its opening
            "2026-12-01T22:12:00+08:00",
            "买的牛奶变质了",
            "您的投诉是在营业时间外收到的，我们将于 2026-12-02 08:00 +08:00 开始处理。",
        ),
    ],
)
def test_the_acknowledgement_names_the_opening_time_after_hours(
    received: str, text: str, note: str
) -> None:
    # taken in as it arrives: a complaint taken in after its deadline promises none
    clock = ManualClock(datetime.fromisoformat(received))
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": received,
            "received_at": received,
            "customer": {"id": "c1", "name": "王女士", "contact": "wang@example.cn"},
            "text": text,
        }
    )
    assert desk.notifications is not None
    opened = desk.history(case.id)[0]
    (ack,) = [
        m
        for _, m in desk.notifications.messages(case, opened)
        if isinstance(m, Message) and m.role == "customer"
    ]
    assert ack.body.endswith(f"前答复您。{note}")
    assert "+08:00 前答复您" in ack.body


def test_a_rule_with_when_sends_only_for_cases_it_holds_for() -> None:
    notifications = {
        **NOTIFICATIONS,
        "rules": [
            {
                "on": "opened",
                "when": {"field": "vip", "==": True},  # a complaint attribute, as a fact
                "notify": ["customer"],
                "via": "test",
                "template": "acknowledgement",
            }
        ],
    }
    policy = compile_notifications(TEMPLATES, notifications, locate=locate)
    (rule,) = policy.rules
    plain = Desk(storage="memory:").intake(complaint("en"))
    vip = Desk(storage="memory:").intake({**complaint("en"), "attributes": {"vip": True}})
    assert not rule.matches("opened", {}, plain)
    assert rule.matches("opened", {}, vip)


def test_a_bad_when_is_a_located_policy_error() -> None:
    notifications = {
        **NOTIFICATIONS,
        "rules": [
            {
                "on": "opened",
                "when": {"field": "case.categroy", "==": "x"},
                "notify": ["customer"],
                "via": "test",
                "template": "acknowledgement",
            }
        ],
    }
    with pytest.raises(PolicyError) as info:
        compile_notifications(TEMPLATES, notifications, locate=locate)
    (problem,) = info.value.problems
    assert problem.location.path == "notifications.rules[0].when.field"
    assert problem.hint == "did you mean case.category?"


def test_publish_and_delivery_settings_are_checked_with_locations() -> None:
    bad = {**NOTIFICATIONS, "publish": ["bus"], "delivery": {"backoff": 60, "max_backoff": 10}}
    with pytest.raises(PolicyError) as caught:
        compile_notifications(TEMPLATES, bad, locate=locate)
    paths = [p.location.path for p in caught.value.problems]
    assert paths == ["notifications.publish[0]", "notifications.delivery.max_backoff"]


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ("处理结果：{case.resolution}。感谢您的反馈，我们已改进相关流程。", True),
        ("What we did: {case.resolution}. We have improved the process.", True),
        ("处理结果：{case.resolution}。{case.improvements_note}", False),
        ("改进措施：{case.improvements}", False),
        ("处理结果：{case.resolution}。", False),
    ],
)
def test_a_closing_message_may_claim_only_recorded_improvements(body: str, refused: bool) -> None:
    templates = {"closing_report": {"zh": {"subject": "{case.id}", "body": body}}}
    notifications = {"notifiers": {"log": {"type": "log"}}, "rules": []}
    if not refused:
        compile_notifications(templates, notifications, locate=locate)
        return
    with pytest.raises(PolicyError) as info:
        compile_notifications(templates, notifications, locate=locate)
    (problem,) = info.value.problems
    assert problem.location.path == "templates.closing_report.zh.body"
    assert "{case.improvements_note}" in problem.hint


def test_every_change_wakes_a_delivery_loop_that_cleared_its_signal(desk: Desk) -> None:
    first = desk.intake(complaint("en"))
    assert desk.outbox_ready.is_set()
    desk.outbox_ready.clear()  # what the loop does before each pass
    desk.respond(first.id, "we are on it", actor="li.na")
    assert desk.outbox_ready.is_set()
    desk.intake({**complaint("en"), "external_id": "another"})  # set already: stays set
    assert desk.outbox_ready.is_set()


def test_every_message_names_the_seq_of_its_event_so_receivers_can_order_them(
    desk: Desk,
) -> None:
    """Retries deliver out of order; the event's seq lets a receiver put them back."""
    case = desk.intake(complaint("en"))
    desk.respond(case.id, "looking", actor="li")
    desk.resolve(case.id, "replaced it", actor="li")
    desk.deliver()
    opened = next(e.seq for e in desk.storage.events(case.id) if e.kind == "opened")
    by_template = {m.data["template"]: m.data["seq"] for m in Recording.sent}
    assert by_template["acknowledgement"] == opened
    assert by_template["closing_report"] > opened


def test_labels_read_in_the_messages_language(tmp_path: Path) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        f"extends: {RETAIL}\n"
        "templates:\n"
        "  acknowledgement:\n"
        '    zh: {subject: "{case.id}", body: "{case.category_label}/{case.severity_label}/'
        '{case.priority_label}/{case.status_label}"}\n'
        '    en: {subject: "{case.id}", body: "{case.category_label}/{case.severity_label}/'
        '{case.priority_label}/{case.status_label}"}\n',
        encoding="utf-8",
    )
    desk = Desk(load_policy(policy), storage="memory:")
    bodies = []
    for n, text in enumerate(["买的牛奶变质了", "The milk I bought was spoiled"]):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": str(n),
                "received_at": "2026-12-01T10:12:00+08:00",
                "customer": {"id": "c1", "contact": "wang@example.cn"},
                "text": text,
            }
        )
        assert desk.notifications is not None
        bodies += [
            m.body
            for _, m in desk.notifications.messages(case, desk.history(case.id)[0])
            if isinstance(m, Message) and m.role == "customer"
        ]
    assert bodies == [
        "产品投诉/严重/紧急/已收到,等待受理",
        "Product/Critical/Urgent/Received, waiting to be picked up",
    ]


def test_a_template_written_for_a_region_reads_in_its_language(tmp_path: Path) -> None:
    """Templates keyed ``zh-CN`` (the schema takes region tags) fill their labels, status
    words and the unnamed customer's greeting in Chinese, as ``zh`` ones do."""
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        f"extends: {RETAIL}\n"
        "templates:\n"
        "  acknowledgement:\n"
        '    zh-CN: {subject: "{case.id}", body: "{customer.name}/{case.category_label}/'
        '{case.status_label}"}\n',
        encoding="utf-8",
    )
    desk = Desk(load_policy(policy), storage="memory:")
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "r-1",
            "received_at": "2026-12-01T10:12:00+08:00",
            "customer": {"id": "c1", "contact": "wang@example.cn"},
            "text": "买的牛奶变质了",
            "language": "zh-CN",
        }
    )
    assert desk.notifications is not None
    (body,) = [
        m.body
        for _, m in desk.notifications.messages(case, desk.history(case.id)[0])
        if isinstance(m, Message) and m.role == "customer"
    ]
    assert body == "顾客/产品投诉/已收到,等待受理"


def _rule(**fields: str) -> dict[str, Any]:
    return {
        "notifiers": {"log": {"type": "log"}},
        "rules": [{"notify": ["customer"], "via": "log", "template": "acknowledgement", **fields}],
    }


@pytest.mark.parametrize(
    ("fields", "path", "said"),
    [
        ({"on": "transitioned", "to": "resolvd"}, "to", "'resolvd' is not a case status"),
        ({"on": "opened", "to": "resolved"}, "to", "only a transition has a 'to'"),
    ],
)
def test_a_rule_that_could_never_fire_is_a_policy_error(
    fields: dict[str, str], path: str, said: str
) -> None:
    # to: resolvd (or a to on another event) validated, and nobody was ever told anything
    with pytest.raises(PolicyError) as caught:
        compile_notifications(TEMPLATES, _rule(**fields), locate=locate)
    (problem,) = caught.value.problems
    assert problem.location.path == f"notifications.rules[0].{path}"
    assert said in problem.message


def test_an_event_kind_one_letter_off_a_recorded_one_is_a_warning() -> None:
    # "opend" could be an event an SOP records itself, so it is a warning, not an error
    policy = compile_notifications(TEMPLATES, _rule(on="opend"), locate=locate)
    (problem,) = policy.problems
    assert problem.severity == "warning"
    assert problem.location.path == "notifications.rules[0].on"
    assert "opened" in problem.hint
    assert compile_notifications(TEMPLATES, _rule(on="holding_reply"), locate=locate).problems == ()
