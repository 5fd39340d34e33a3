"""A Chinese complaint that quotes a link, an e-mail address or an order number is still a
Chinese complaint: its acknowledgement is written in Chinese, not in the English of
``https``, ``example`` and ``com``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("我的订单 https://shop.example.com/orders/ABCDEF 没有到货", "zh"),
        ("请联系我 wangxiaoming.work@example.com 快递没到", "zh"),
        ("订单 WX20261201ABCDEFGHIJKL 没到", "zh"),
        ("The parcel 快递单号 SF1234567890 never came", "en"),
        ("My order https://shop.example.com/orders/7 never came", "en"),
    ],
)
def test_links_addresses_and_codes_do_not_make_a_letter_english(text: str, written: str) -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": text,
        }
    )
    [delivery] = desk.storage.deliveries(case_id=case.id)
    assert delivery.outgoing.payload["language"] == written
