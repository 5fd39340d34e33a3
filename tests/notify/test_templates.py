# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""Sandboxed templates: whitelisted fields only, no attribute access, no code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import RootCause
from complaintkit.model.clocks import ClockState
from complaintkit.notify.templates import FIELDS, Template, format_instant, template_fields
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).resolve().parents[2]

COMPLAINT = {
    "channel": "web",
    "external_id": "T-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1", "name": "王芳", "contact": "wf@example.cn"},
    "subject": "冰箱不制冷",
    "text": "新买的冰箱不制冷",
}


def test_placeholders_render_from_the_whitelist() -> None:
    case = Desk(storage="memory:").intake(COMPLAINT)
    text = Template.compile("{customer.name}您好，案件 {case.id} 已受理 {{不是字段}}").render(
        template_fields(case)
    )
    assert text == f"王芳您好，案件 {case.id} 已受理 {{不是字段}}"


@pytest.mark.parametrize(
    "source",
    ["{case.__class__}", "{case.complaint.customer}", "{customer.name.upper}", "{0}", "{}"],
)
def test_fields_outside_the_whitelist_are_refused(source: str) -> None:
    with pytest.raises(ValueError, match="unknown field"):
        Template.compile(source)


def test_stray_brace_is_refused() -> None:
    with pytest.raises(ValueError, match="stray"):
        Template.compile("oops { here")


def test_every_whitelisted_field_has_a_value() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    fixed = {name for name in FIELDS if "<" not in name}
    assert {n for n in template_fields(case) if not n.startswith("case.due.")} == fixed


def test_any_clock_due_time_and_the_compensation_decision_can_be_shown() -> None:
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    desk = Desk(policy, storage="memory:", clock=ManualClock(datetime(2026, 11, 23, 2, tzinfo=UTC)))
    complaint = {
        **COMPLAINT,
        "text": "牛奶变质了",
        "amount": {"amount": "20.00", "currency": "CNY"},
        "external_id": "due-1",
    }
    found = {"unsafe_food": True}  # 食品安全法 148's damages follow quality's finding
    case = desk.propose_compensation(desk.intake(complaint).id, found, actor="li.na")
    assert template_fields(case)["case.compensation_total"] == ""  # waiting for approval
    (entry,) = case.compensation
    for role in entry["approvals_needed"]:
        case = desk.approve_compensation(case.id, entry["id"], role=role, actor="wang.fang")
    fields = template_fields(case)
    assert fields["case.due.resolution"] == fields["case.resolution_due"] != ""
    assert fields["case.compensation_total"] == "1,020.00 CNY"
    assert "1,000.00 CNY" in fields["case.compensation"]
    template = Template.compile("{case.due.first_response}: {case.compensation_total}")
    assert template.render(fields).endswith("1,020.00 CNY")


def test_closing_report_fields_come_from_root_cause_and_resolution() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    desk.respond(case.id, "已收到", actor="li")
    cause = RootCause.from_json(
        {"fishbone": "product", "whys": ["压缩机故障", "批次质检漏检"], "nature": "systemic"}
    )
    desk.record_root_cause(case.id, cause, actor="li")
    case = desk.resolve(case.id, "上门更换压缩机", actor="li")
    fields = template_fields(case)
    assert fields["root_cause.cause"] == "批次质检漏检"
    assert fields["root_cause.nature"] == "systemic"
    assert fields["case.resolution"] == "上门更换压缩机"


def test_promised_first_response_is_read_from_the_sla_clock_when_present() -> None:
    case = Desk(storage="memory:").intake(COMPLAINT)
    assert template_fields(case)["case.first_response_due"] == ""
    due = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    start = due - timedelta(hours=1)
    state = ClockState("running", "1h", None, False, timedelta(hours=1), start, start, due_at=due)
    case.clocks = case.clocks.with_metric("first_response", state)
    # in the offset the complaint was received in (+08:00), not UTC
    assert template_fields(case)["case.first_response_due"] == "2026-11-24 09:30 +08:00"


@pytest.mark.parametrize(
    ("label", "language", "shown"),
    [
        ({"zh": "退还价款", "en": "refund of the price"}, "en", "refund of the price"),
        ({"zh": "退还价款", "en": "refund of the price"}, "zh", "退还价款"),
        ({"zh": "退还价款", "en": "refund of the price"}, "fr", "refund of the price"),
        ({"zh": "退还价款"}, "en", "退还价款"),
        ({}, "en", "refund"),
    ],
)
def test_compensation_lines_are_labelled_in_the_message_language(
    label: dict[str, str], language: str, shown: str
) -> None:
    case = Desk(storage="memory:").intake(COMPLAINT)
    money = {"amount": "120.00", "currency": "GBP"}
    remedy = {"kind": "refund", "label": label, "amount": money}
    case.compensation = [{"decision": {"remedies": [remedy], "total": money}}]
    fields = template_fields(case, language=language)
    point = "," if language == "fr" else "."  # a French letter writes 120,00
    assert fields["case.compensation"] == f"{shown} 120{point}00 GBP"


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ("处理结果：{message}。谢谢", "已退款。", "处理结果：已退款。谢谢"),
        ("处理结果：{message}。谢谢", "已退款", "处理结果：已退款。谢谢"),
        ("处理结果：{message}。", "已退款！", "处理结果：已退款！"),
        (
            "What we did: {message}. Thanks",
            "We refunded you.",
            "What we did: We refunded you. Thanks",
        ),
        ("What we did: {message}.", "Did we?", "What we did: Did we?"),
        ("What we did: {message}.", "We refunded you", "What we did: We refunded you."),
        ("{message}...", "Wait.", "Wait...."),  # an ellipsis is not a full stop
        ("{message}.5", "v1", "v1.5"),
    ],
)
def test_a_field_ending_a_sentence_takes_the_full_stop_after_it(
    source: str, value: str, expected: str
) -> None:
    """A resolution written as a sentence must not read "已退款。。" in a letter whose
    template closes the sentence itself."""
    assert Template.compile(source).render({"message": value}) == expected


def test_shipped_letters_never_double_a_full_stop() -> None:
    policies = [p for p in sorted((ROOT / "policies").rglob("*.yaml")) if ".tests." not in p.name]
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    checked = 0
    for path in [*policies, ROOT / "src/complaintkit/demo/policy.yaml"]:
        policy = load_policy(path)
        if policy.notifications is None:
            continue
        case = Desk(policy, storage="memory:", clock=clock).intake(COMPLAINT)
        fields = {**template_fields(case), "case.resolution": "已全额退款。"}
        for versions in policy.notifications.templates.values():
            for letter in versions.values():
                text = letter.body.render(fields)
                assert "。。" not in text, (path.name, text)
                checked += 1
    assert checked > 20


def test_compensation_fields_show_what_is_offered_not_a_rejected_or_later_proposal() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)

    def entry(number: int, status: str, amount: str) -> dict[str, object]:
        money = {"amount": amount, "currency": "CNY"}
        remedy = {"kind": "voucher", "label": {}, "amount": money}
        return {
            "id": f"comp-{number}",
            "status": status,
            "decision": {"remedies": [remedy], "total": money},
        }

    case.compensation = [entry(1, "accepted", "200.00"), entry(2, "rejected", "500.00")]
    assert template_fields(case)["case.compensation_total"] == "200.00 CNY"
    case.compensation = [entry(1, "offered", "200.00"), entry(2, "proposed", "300.00")]
    offered = attrs.evolve(
        desk.history(case.id)[0],
        kind="compensation_offered",
        data={"id": "comp-1", "by": "li.na"},
    )
    assert template_fields(case, offered)["case.compensation"] == "voucher 200.00 CNY"
    assert template_fields(case)["case.compensation_total"] == "300.00 CNY"


@given(
    moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),  # noqa: DTZ001 - bounds
    offset=st.none()
    | st.integers(min_value=-86_399_999_999, max_value=86_399_999_999)
    | st.integers(min_value=-1439, max_value=1439).map(lambda minutes: minutes * 60_000_000),
    zone=st.sampled_from([None, "Asia/Shanghai", "America/Santiago", "Asia/Kolkata"]),
)
def test_an_instant_reads_as_strftime_writes_it(
    moment: datetime, offset: int | None, zone: str | None
) -> None:
    """``format_instant`` takes a shortcut through ``isoformat``; every instant, at any
    offset (seconds too), in a zone or naive, reads as the two ``strftime`` calls write it."""
    if zone is not None:
        value = moment.replace(tzinfo=ZoneInfo(zone))
    elif offset is not None:
        value = moment.replace(tzinfo=timezone(timedelta(microseconds=offset)))
    else:
        value = moment
    written = value.strftime("%z")
    assert format_instant(value) == f"{value:%Y-%m-%d %H:%M} {written[:3]}:{written[3:]}"


def _entry(status: str, total: str, needed: list[str]) -> dict[str, object]:
    money = {"amount": total, "currency": "CNY"}
    remedy = {"kind": "refund", "amount": money}
    decision = {"remedies": [remedy], "total": money}
    return {
        "id": f"comp-{total}",
        "status": status,
        "decision": decision,
        "approvals_needed": needed,
        "approvals": [] if status == "proposed" else [{"role": r, "by": "boss"} for r in needed],
    }


@pytest.mark.parametrize(
    ("entries", "shown"),
    [
        ([_entry("proposed", "20.00", [])], "20.00 CNY"),  # decided, no one to ask
        ([_entry("offered", "20.00", []), _entry("proposed", "900.00", ["manager"])], "20.00 CNY"),
        ([_entry("proposed", "900.00", ["manager"])], ""),
        ([_entry("approved", "900.00", ["manager"])], "900.00 CNY"),
        ([_entry("offered", "20.00", []), _entry("rejected", "900.00", ["manager"])], "20.00 CNY"),
    ],
)
def test_a_letter_never_promises_money_still_waiting_for_approval(
    entries: list[dict[str, object]], shown: str
) -> None:
    """A proposal above an approval threshold is not money anyone offers until approved."""
    case = Desk(storage="memory:").intake(COMPLAINT)
    case.compensation = entries
    assert template_fields(case)["case.compensation_total"] == shown
