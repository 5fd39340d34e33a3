"""The value a policy author meant when writing an allowed value in Chinese: a remedy kind
is an id (``apology``), and 道歉 written in its place is answered with the id to write."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final

#: Chinese words for the remedy kinds: the words a letter names them by
#: (``notify.templates.REMEDY_WORDS``) and the ones an SOP commonly writes.
REMEDY_KINDS_IN_CHINESE: Final[Mapping[str, str]] = {
    "退款": "refund",
    "全额退款": "refund",
    "退货退款": "refund",
    "代金券": "voucher",
    "优惠券": "voucher",
    "购物券": "voucher",
    "账户抵扣": "credit",
    "积分": "credit",
    "余额": "credit",
    "现金补偿": "cash",
    "现金": "cash",
    "法定赔偿": "statutory_damages",
    "赔偿金": "statutory_damages",
    "赔偿损失": "statutory_damages",
    "惩罚性赔偿": "statutory_damages",
    "换货": "replacement",
    "更换": "replacement",
    "维修": "repair",
    "修理": "repair",
    "返修": "repair",
    "致歉": "apology",
    "道歉": "apology",
    "赔礼道歉": "apology",
    "增值服务": "value_added_service",
}


def meant_value(written: str, allowed: Collection[str]) -> str | None:
    """The allowed value ``written`` translates, if it is a word of the tables above."""
    meant = REMEDY_KINDS_IN_CHINESE.get(written.strip())
    return meant if meant in allowed else None
