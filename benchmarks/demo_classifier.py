"""The hand-written classifier for the demo policy (src/complaintkit/demo/policy.yaml):
what a developer would write for that one policy — an if/elif chain finding each rule's
keywords with ``str.find`` (ASCII word boundaries, as the policy matches), returning the
deciding rule ids instead of explanation sentences. ``intake_path.py`` and ``intake.py``
time complaintkit against it, and tests/test_benchmark_references.py checks that it decides
as the policy does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _keywords(*words: str) -> Callable[[str], bool]:
    """A rule's keywords in lowercased text: ``str.find`` each, then the ASCII word
    boundaries the policy needs at ASCII letter or digit ends ("kid" is not in "kidney")."""
    checks = [(word, word[0] in _ALNUM, word[-1] in _ALNUM) for word in words]

    def found(text: str) -> bool:
        size = len(text)
        for word, before, after in checks:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                if (not before or start == 0 or text[start - 1] not in _ALNUM) and (
                    not after or end == size or text[end] not in _ALNUM
                ):
                    return True
                start = text.find(word, start + 1)
        return False

    return found


# The policy's Chinese keywords find their traditional spellings too (態度 for 态度: the
# waimai reviews hold both), so the reference lists both forms, as a developer would.
FOOD = _keywords(
    "变质", "變質", "异物", "異物", "发霉", "發霉", "發黴", "保质期", "保質期", "有头发", "有頭髮",
    "有頭發", "根头发", "根頭髮", "根頭發", "吃出", "喫出", "食物中毒", "拉肚子", "腹泻", "腹瀉",
    "呕吐", "嘔吐", "spoiled", "mould", "moldy", "foreign object", "food poisoning", "diarrhoea",
    "diarrhea", "vomiting",
)  # fmt: skip
# 过期 / expired is food safety only without a coupon's, points' or membership card's word,
# or when the text names a food and its expiry in one clause (牛奶过期了, 优惠券也过期了).
EXPIRED = _keywords("过期", "過期", "expired")
NOT_FOOD = _keywords(
    "优惠券", "優惠券", "代金券", "积分", "積分", "会员卡", "會員卡", "coupon", "coupons", "voucher",
    "vouchers", "promotion", "membership",
)  # fmt: skip
_FOODS_ZH = "(牛奶|酸奶|奶粉|面包|蛋糕|饼干|零食|饮料|果汁|熟食|肉|鸡蛋|食品|食物)"
_FOODS_EN = "(milk|yogh?urt|bread|cake|biscuits|snacks?|drinks?|juice|meat|eggs|cheese|food)"
_WAS = "( i| we)?( bought| got)?( (was|is|were|are|had|has|have))?( already| all| long)?( been)?"
#: The words the pattern below needs: as the policy does, it is tried only on a text naming one.
EXPIRY = _keywords("过期", "過期", "expired", "out of date")
EXPIRED_FOOD = re.compile(  # ASCII word boundaries, as the policy's RE2 pattern has
    rf"{_FOODS_ZH}[^\uff0c,。.\uff1b;\uff01!\uff1f?\n券积卡]{{0,12}}过期|过期的?{_FOODS_ZH}"
    rf"|\b{_FOODS_EN}\b{_WAS} (expired|out of date)\b|\bexpired {_FOODS_EN}\b",
    re.IGNORECASE | re.ASCII,
).search
DEFECT = _keywords(
    "破损", "破損", "坏了", "壞了", "质量", "質量", "漏", "damaged", "broken", "defective",
    "leaking",
)  # fmt: skip
BILLING = _keywords(
    "扣款", "重复收费", "重複收費", "会员费", "會員費", "charged twice", "membership fee",
    "duplicate charge", "refund the duplicate",
)  # fmt: skip
SERVICE = _keywords(
    "态度", "態度", "服务差", "服務差", "不耐烦", "不耐煩", "收银员", "收銀員", "rude", "cashier",
    "impolite", "ignored",
)  # fmt: skip
PRICING = _keywords(
    "价格", "價格", "促销", "促銷", "满减", "滿減", "差价", "差價", "价格欺诈", "價格欺詐", "优惠券",
    "優惠券", "代金券", "积分", "積分", "会员卡", "會員卡", "price", "promotion", "overcharged",
    "shelf label", "coupon", "coupons", "voucher", "vouchers", "membership card",
)  # fmt: skip
DELIVERY = _keywords(
    "送货", "送貨", "快递", "快遞", "物流", "没收到", "沒收到", "配送", "parcel", "delivery",
    "tracking", "carrier", "never arrived",
)  # fmt: skip
CHILD = _keywords("孩子", "小孩", "儿童", "兒童", "child", "kid", "baby")
TEAMS = {
    "product": ("quality", "li.na"),
    "service": ("store", "amy.store"),
    "price": ("pricing", "zhang.wei"),
    "delivery": ("logistics", "ops.kim"),
}


def hand_assess(  # noqa: PLR0912 -- the if/elif chain is the point of the reference
    subject: str, text: str, channel: str, tier: str | None, earlier: int
) -> tuple[str, str, str, tuple[str, ...], str, str, tuple[str, ...]]:
    """(category, severity, priority, tags, team, owner, deciding rule ids)."""
    s, t = subject.lower(), text.lower()
    expired = (EXPIRED(s) or EXPIRED(t)) and not (NOT_FOOD(s) or NOT_FOOD(t))
    if FOOD(s) or FOOD(t) or expired or (EXPIRY(t) and EXPIRED_FOOD(text)):
        why, category, severity, priority, tags = "food-safety", "product", "critical", "urgent", ["food_safety"]  # fmt: skip
    elif DEFECT(s) or DEFECT(t):
        why, category, severity, priority, tags = "product-defect", "product", "major", "high", []
    elif BILLING(s) or BILLING(t):
        why, category, severity, priority, tags = "billing", "price", "major", "high", ["billing"]
    elif SERVICE(s) or SERVICE(t):
        why, category, severity, priority, tags = "service", "service", "minor", "normal", []
    elif PRICING(s) or PRICING(t):
        why, category, severity, priority, tags = "pricing", "price", "minor", "normal", []
    elif DELIVERY(s) or DELIVERY(t) or channel == "logistics":
        why, category, severity, priority, tags = "delivery", "delivery", "major", "high", []
    else:
        why, category, severity, priority, tags = "default", "other", "minor", "low", []
    collected = [why]
    if tier in ("gold", "vip"):
        tags.append("valued_customer")
        collected.append("valued-customer")
    if earlier >= 1:
        tags.append("repeat")
        collected.append("repeat-complainant")
    if CHILD(s) or CHILD(t):
        tags.append("child")
        collected.append("child-involved")
    if "food_safety" in tags:
        team, owner = "quality", "li.na"
    elif "billing" in tags:
        team, owner = "finance", "fin.chen"
    else:
        team, owner = TEAMS.get(category, ("desk", "zhang.wei"))
    return category, severity, priority, tuple(tags), team, owner, tuple(collected)
