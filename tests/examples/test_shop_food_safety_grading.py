"""The shipped online shop takes food orders (its delivery words: 送餐慢, 一个多小时), and
seed 004 puts food safety among the high-risk complaints that go first (紧急 before 一般).
Real 外卖 reviews (waimai_10k.csv) that report insects, hair or illness after eating were
graded 'other', low priority: the routine improvement queue. They are food safety, critical
and urgent, for quality; an expired coupon is still no food-safety case."""

# ruff: noqa: RUF001 -- real reviews, full-width punctuation as their customers typed it

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.model import Complaint, Customer
from complaintkit.policy.compiled import load_policy

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"


def graded(text: str) -> tuple[str | None, str | None, tuple[str, ...], str | None]:
    complaint = Complaint(
        channel="web",
        external_id="f",
        received_at=datetime(2026, 12, 1, 2, tzinfo=UTC),
        customer=Customer(id="c-1"),
        text=text,
    )
    a = load_policy(SHOP).assess(complaint, None)  # type: ignore[arg-type]
    return (a.category, a.priority, tuple(a.tags), a.team)


@pytest.mark.parametrize(
    "text",
    [
        "我要投诉。奶茶里有虫子",  # waimai_10k.csv, as written by their customers
        "吃出苍蝇和虫子了、恶心",
        "红油热干面吃了拉肚子！！难受！",
        "配送小哥辛苦了，之所以差评，是因为饭里居然有头发！！！",
        "吃完第二天拉肚子～",
        "饭菜变质了，有股馊味",
        "The noodles were spoiled and I got food poisoning",
    ],
)
def test_food_safety_is_critical_and_urgent_for_quality(text: str) -> None:
    category, priority, tags, team = graded(text)
    assert (category, priority, team) == ("product", "urgent", "qa")
    assert "food_safety" in tags


def test_an_expired_coupon_is_a_price_complaint() -> None:
    category, _, tags, _ = graded("优惠券过期了 满减用不了")
    assert category == "price"
    assert "food_safety" not in tags
