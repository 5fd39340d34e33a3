"""A letter to the customer on an event that names no offer (the resolution, a response,
the move that closes the case) tells all the money their case offers or gave them, not
only its latest offer: 80 CNY accepted and 20 CNY more accepted later is a final response
of 100 CNY. A ``compensation_*`` letter still tells of the one offer it is about."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.storage.memory import MemoryStorage

EVENTS = ("compensation_offered", "compensation_accepted", "responded", "transitioned")


def policy() -> dict[str, Any]:
    return {
        "complaintkit": 1,
        "name": "every-offer",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {
                            "kind": "voucher",
                            "label": {"zh": "购物券", "en": "shopping voucher"},
                            "amount": {"percent": 100, "of": "voucher"},
                        },
                        "replacement",
                    ],
                }
            ],
        },
        "templates": {
            "money": {
                "zh": {
                    "subject": "补偿",
                    "body": "[{case.compensation}|{case.compensation_total}]",
                },
                "en": {
                    "subject": "Money",
                    "body": "[{case.compensation}|{case.compensation_total}]",
                },
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [
                {"on": on, "notify": ["customer"], "via": "log", "template": "money"}
                for on in EVENTS
            ],
        },
    }


def desk(folder: Path) -> Desk:
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy(), allow_unicode=True), encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(path, storage=MemoryStorage(), clock=clock)


def complaint(text: str = "买的电水壶漏水") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": "E-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-1", "contact": "c1@example.com"},
        "text": text,
    }


def last_letter(d: Desk) -> str:
    return str(d.storage.deliveries()[-1].outgoing.payload["body"])


def test_the_resolution_letter_totals_two_accepted_offers(tmp_path: Path) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint())
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    d.accept_compensation(case.id, "comp-1", actor="customer")
    d.propose_compensation(case.id, {"voucher": Money("100", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-2", actor="li.na")
    assert last_letter(d) == "[购物券 20.00 CNY\n换货|20.00 CNY]"  # the offer it is about
    d.accept_compensation(case.id, "comp-2", actor="customer")
    d.transition(case.id, "investigating", actor="li.na")
    assert last_letter(d) == "[购物券 100.00 CNY\n换货|100.00 CNY]"
    d.resolve(case.id, "已换新", actor="li.na")
    d.transition(case.id, "closed", actor="li.na")
    assert last_letter(d) == "[购物券 100.00 CNY\n换货|100.00 CNY]"


def test_an_offer_still_open_beside_an_accepted_one_is_told_and_lapses_with_the_case(
    tmp_path: Path,
) -> None:
    d = desk(tmp_path)
    case = d.intake(complaint("The kettle leaks"))
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    d.accept_compensation(case.id, "comp-1", actor="customer")
    d.propose_compensation(case.id, {"voucher": Money("100.50", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-2", actor="li.na")
    d.respond(case.id, "news", actor="li.na")
    assert last_letter(d) == "[shopping voucher 100.50 CNY\nreplacement|100.50 CNY]"
    d.transition(case.id, "investigating", actor="li.na")
    d.resolve(case.id, "replaced", actor="li.na")
    d.transition(case.id, "closed", actor="li.na")  # comp-2 lapses unanswered
    assert last_letter(d) == "[shopping voucher 80.00 CNY\nreplacement|80.00 CNY]"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offers=st.lists(st.tuples(st.integers(1, 500), st.booleans()), min_size=1, max_size=4))
def test_a_letter_naming_no_offer_totals_every_offer_standing(
    tmp_path: Path, offers: list[tuple[int, bool]]
) -> None:
    """Each offer raises the voucher to ``amount`` (what it adds is offered) and is
    accepted or left open: the response letter totals what stands, the same money as the
    offers' own letters add up to."""
    d = desk(tmp_path)
    case = d.intake({**complaint(), "external_id": f"E-{offers}"})
    told = Decimal(0)
    highest = 0
    for number, (amount, accept) in enumerate(offers, start=1):
        d.propose_compensation(case.id, {"voucher": Money(amount, "CNY")}, actor="li.na")
        d.offer_compensation(case.id, f"comp-{number}", actor="li.na")
        if accept:
            d.accept_compensation(case.id, f"comp-{number}", actor="customer")
        highest = max(highest, amount)
    told = Decimal(highest)
    d.respond(case.id, "news", actor="li.na")
    assert last_letter(d) == f"[购物券 {told:.2f} CNY\n换货|{told:.2f} CNY]"
