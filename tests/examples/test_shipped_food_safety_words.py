"""The shipped supermarket SOP and the demo's (the policy ``make demo`` runs) grade food
safety (变质, 异物, 过期食品, 吃坏肚子) critical and urgent and owe Food Safety Law art. 148
damages on it (at least 1000 yuan). Words that are not about food — an expired coupon
(优惠券过期, seed 000's 价格投诉: 促销活动), points or a membership card that lapsed, a
shampoo that dries the hair — are not food safety; real food-safety complaints still are,
expired milk among them when the coupon used for it expired too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.model import Complaint, Customer
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).resolve().parents[2]
SUPERMARKETS = [
    ROOT / "policies" / "retail" / "supermarket.yaml",
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
]


def graded(path: Path, text: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    complaint = Complaint(
        channel="web",
        external_id="f",
        received_at=datetime(2026, 12, 1, 2, tzinfo=UTC),
        customer=Customer(id="c-1"),
        text=text,
    )
    a = load_policy(path).assess(complaint, None)  # type: ignore[arg-type]
    return (a.category, a.priority, tuple(a.tags))


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(
    "text",
    [
        "优惠券过期了 结账时用不了",
        "会员积分过期了也没提醒",
        "The coupon expired before the promotion ended",
        "洗发水用了以后头发干枯",
        "会员卡过期了 不能打折",
        "My membership card expired and the cashier refused the discount",
        "用优惠券买牛奶 结账时说优惠券已过期",
        "I bought milk with a voucher but the voucher had expired",
        "I bought milk with a coupon but the coupon was expired",
        "The coupons were expired when I paid for the bread",
        "My membership is expired so no discount on the milk",
        "买牛奶时优惠券居然过期了",
        "买面包用的代金券早就过期了",
        "买牛奶\uff0c会员卡早过期了",
    ],
)
def test_words_not_about_food_are_not_food_safety(path: Path, text: str) -> None:
    assert "food_safety" not in graded(path, text)[2]


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(
    "text",
    [
        "牛奶过期了还在卖",
        "买的面包已经过期三天",
        "酸奶过了保质期",
        "粥里有头发",
        "面包里吃出一根头发",
        "The yoghurt I bought had expired",
        "expired milk on the shelf",
        "吃完拉肚子了",
    ],
)
def test_food_safety_is_still_urgent(path: Path, text: str) -> None:
    category, priority, tags = graded(path, text)
    assert (category, priority) == ("product", "urgent")
    assert "food_safety" in tags


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(
    "text",
    [
        "买的牛奶过期了\uff0c优惠券也过期了",
        "The yogurt was expired, and my voucher expired too",
        "牛奶已经过期三天了\uff0c积分也过期了",
        "买到过期牛奶\uff0c优惠券还用不了",
        "The milk I bought has expired and the coupon was refused",
        "Expired bread sold to me with a voucher",
    ],
)
def test_expired_food_is_urgent_beside_an_expired_coupon(path: Path, text: str) -> None:
    category, priority, tags = graded(path, text)
    assert (category, priority) == ("product", "urgent")
    assert "food_safety" in tags


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(
    "text",
    [
        "优惠券过期了 结账时用不了",
        "会员积分过期了也没提醒",
        "会员卡过期了",
        "The coupon expired before I could use it",
        "My membership card expired",
    ],
)
def test_an_expired_coupon_points_or_card_is_a_price_complaint(path: Path, text: str) -> None:
    """What the food-safety row leaves out as a 价格投诉 is one, not left to the desk."""
    assert graded(path, text)[0] == "price"
