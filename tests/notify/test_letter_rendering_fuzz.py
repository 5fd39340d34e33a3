"""Letters rendered for any customer name (Chinese, English, braces, control characters),
any amount a currency can hold (its smallest unit to fifteen whole digits, currencies of
no, two and three decimals), in any language, from templates whose fields may all be
empty: nothing raises, every letter the outbox holds has a subject and a body, and every
letter that cannot be sent is a dead letter saying why."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.notify.letter_amount import letter_money
from complaintkit.storage.memory import MemoryStorage

CURRENCIES = {"CNY": 2, "JPY": 0, "BHD": 3, "USD": 2}
FULL = (
    "{customer.name} {case.id} {case.compensation} {case.compensation_total} "
    "{case.resolution_due} {case.opened_at} {event.at} {case.status_label}"
)
#: a body every field of which is empty on a case with no root cause nor response
EMPTY = "{root_cause.cause}{root_cause.impact}{message}"
NAMES = st.text(
    alphabet=st.sampled_from(list("李王芳 Zhou Wei{}\\n\t\u202e\u200b'\"<>&@.")),
    max_size=30,
)


def policy(currency: str) -> dict[str, Any]:
    templates = {
        "full": {
            lang: {"subject": "{case.id} {customer.name}", "body": FULL} for lang in ("en", "zh")
        },
        "empty": {"en": {"subject": "{message}", "body": EMPTY}},
    }
    return {
        "complaintkit": 1,
        "name": "fuzz",
        "version": "1",
        "categories": {"goods": {"label": {"zh": "商品", "en": "Goods"}}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "sla": {"targets": [{"first_response": "1 day", "resolution": "3 days"}]},
        "compensation": {
            "currency": currency,
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}},
                        {"kind": "apology"},
                    ],
                }
            ],
        },
        "templates": templates,
        "notifications": {
            "default_language": "zh",
            "notifiers": {"log": {"type": "log"}},
            "contacts": {"owners": {"li.na": "li.na@shop.example"}},
            "rules": [
                {"on": on, "notify": ["customer", "owner"], "via": "log", "template": name}
                for on in ("opened", "compensation_proposed", "compensation_offered")
                for name in ("full", "empty")
            ],
        },
    }


@pytest.fixture(name="policies", scope="module")
def policies_fixture(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("policies")
    paths = {}
    for currency in CURRENCIES:
        path = folder / f"{currency}.yaml"
        path.write_text(yaml.safe_dump(policy(currency), allow_unicode=True), encoding="utf-8")
        paths[currency] = path
    return paths


@st.composite
def amounts(draw: st.DrawFn, places: int) -> Decimal:
    """Its currency's extremes (no money, the smallest unit, fifteen nines), or any amount
    of up to eight places (more than the currency has: the policy rounds or refuses it)."""
    unit = Decimal(1).scaleb(-places)
    extremes = [Decimal(0), unit, Decimal(10**15) - unit, Decimal(10**12)]
    anything = st.decimals(
        min_value=Decimal(0), max_value=Decimal(10**15 - 1), places=draw(st.integers(0, 8))
    )
    return draw(st.sampled_from(extremes) | anything)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=NAMES,
    contact=st.sampled_from(["c@example.com", "", "+86 138 0000 0000", "not an address"]),
    language=st.sampled_from(["zh", "en", "de", None]),
    currency=st.sampled_from(sorted(CURRENCIES)),
    data=st.data(),
)
def test_no_letter_raises_and_each_unsent_one_is_a_dead_letter(
    policies: dict[str, Path],
    name: str,
    contact: str,
    language: str | None,
    currency: str,
    data: st.DataObject,
) -> None:
    amount = data.draw(amounts(CURRENCIES[currency]))
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    desk = Desk(policies[currency], storage=MemoryStorage(), clock=clock)
    customer: dict[str, Any] = {"id": "c-1"}
    if name.strip():
        customer["name"] = name
    if contact:
        customer["contact"] = contact
    complaint: dict[str, Any] = {
        "channel": "web",
        "external_id": "F-1",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": customer,
        "text": "收到的水壶漏水 the kettle leaks",
    }
    if language is not None:
        complaint["language"] = language
    try:
        case = desk.intake(complaint)
    except InvalidInput:
        return  # a name or contact refused at intake, naming its field: nothing to send
    try:
        desk.propose_compensation(case.id, {"voucher": Money(amount, currency)}, actor="li.na")
    except InvalidInput:
        pass  # an amount the policy refuses, naming it
    else:
        desk.offer_compensation(case.id, "comp-1", actor="li.na")
    total = (desk.get(case.id).compensation or [{}])[-1].get("decision", {}).get("total")
    for delivery in desk.storage.deliveries():
        payload = delivery.outgoing.payload
        assert str(payload["subject"]).strip()
        assert str(payload["body"]).strip()
        if payload["event"] == "compensation_offered" and total and Decimal(total["amount"]):
            assert letter_money(total, str(payload["language"])) in str(payload["body"])
    letters = desk.storage.dead_letters()
    assert all(letter.reason.strip() for letter in letters)
    # the "empty" template has nothing to say on any of these events: each is a letter
    empties = [letter for letter in letters if "empty" in letter.reason]
    assert empties, "a letter with nothing in it was neither sent nor dead-lettered"
    desk.deliver()
