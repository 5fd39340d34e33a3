"""The letter a customer gets for a statutory pack's offer names each amount the law owes,
as the decision worked it out: a shop over 食品安全法 第一百四十八条 with a goodwill cap of
200 yuan tells a 99.99-yuan snack with a 333.335-yuan loss 99.99 back (never more than
paid), 333.34 for the loss and 1000.02 of damages (three times the loss paid), 1433.35 in
all; an airline over EU 261 with a 300 EUR cap tells 600 EUR for a 5-hour long-haul delay."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from compensation_helpers import STATUTORY

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.storage.memory import MemoryStorage

LETTERS = """
templates:
  money:
    zh: {{subject: 赔偿, body: "[{{case.compensation}}|{{case.compensation_total}}]"}}
    en: {{subject: Money, body: "[{{case.compensation}}|{{case.compensation_total}}]"}}
notifications:
  default_language: {language}
  notifiers: {{log: {{type: log}}}}
  rules:
    - {{"on": compensation_offered, notify: [customer], via: log, template: money}}
"""


@pytest.mark.parametrize(
    ("pack", "language", "amount", "facts", "letter"),
    [
        (
            "cn-food-safety-shop.yaml",
            "zh",
            {"amount": "99.99", "currency": "CNY"},
            {"unsafe_food": True, "loss": {"amount": "333.335", "currency": "CNY"}},
            "[退货退款 99.99 CNY\n赔偿损失 333.34 CNY\n"
            "惩罚性赔偿（价款十倍或损失三倍） 1,000.02 CNY|1,433.35 CNY]",  # noqa: RUF001 (the label)
        ),
        (
            "eu-261-airline.yaml",
            "en",
            {"amount": "19.99", "currency": "EUR"},
            {"flight": {"disruption": "delay", "distance_km": 6200, "arrival_delay_minutes": 300}},
            "[compensation art. 7(1)(c) 600.00 EUR|600.00 EUR]",
        ),
    ],
)
def test_the_customer_letter_names_what_the_law_owes(
    tmp_path: Path,
    pack: str,
    language: str,
    amount: dict[str, str],
    facts: dict[str, object],
    letter: str,
) -> None:
    policy = tmp_path / "letters.yaml"
    base = STATUTORY / "extended" / pack
    text = f"extends: {base}\nname: letters\n" + LETTERS.format(language=language)
    policy.write_text(text, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    desk = Desk(policy, storage=MemoryStorage(), clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "L-1",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "t",
            "language": language,
            "amount": amount,
        }
    )
    case = desk.propose_compensation(case.id, facts, actor="desk")
    desk.offer_compensation(case.id, case.compensation[-1]["id"], actor="desk")
    bodies = [str(d.outgoing.payload["body"]) for d in desk.storage.deliveries()]
    assert bodies == [letter]
