"""The value a policy author meant when writing an allowed value in Chinese: a remedy kind
is an id (``apology``), and 道歉 written in its place is answered with the id to write."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final

from complaintkit.policy.catalog import COUNTRIES_AS_LANGUAGES

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


#: Chinese words for the other ids an SOP names: statuses, a gate's steps, recipients,
#: the dimensions a spike is counted in. A word may mean ids of several lists (回访 is the
#: status ``follow_up`` and the step ``satisfaction``): the first the place allows wins.
IDS_IN_CHINESE: Final[Mapping[str, tuple[str, ...]]] = {
    "已收到": ("received",),
    "已受理": ("acknowledged",),
    "受理": ("acknowledged",),
    "调查中": ("investigating",),
    "处理中": ("investigating",),
    "已解决": ("resolved",),
    "解决": ("resolved",),
    "回访": ("follow_up", "satisfaction"),
    "结案": ("closed",),
    "已结案": ("closed",),
    "关闭": ("closed",),
    "重新打开": ("reopened",),
    "等待客户": ("waiting_on_customer",),
    "等待客户回复": ("waiting_on_customer",),
    "等待第三方": ("waiting_on_third_party",),
    "驳回": ("rejected",),
    "撤回": ("withdrawn",),
    "满意度": ("satisfaction",),
    "满意度调查": ("satisfaction",),
    "根因": ("root_cause",),
    "根本原因": ("root_cause",),
    "原因分析": ("root_cause",),
    "处理结果": ("resolution",),
    "首次回复": ("first_response",),
    "首次响应": ("first_response",),
    "首次答复": ("first_response",),
    "响应时限": ("first_response",),
    "解决时限": ("resolution",),
    "处理时限": ("resolution",),
    "办结时限": ("resolution",),
    "进度更新": ("next_update",),
    "补偿": ("compensation",),
    "客户": ("customer",),
    "顾客": ("customer",),
    "负责人": ("owner",),
    "处理人": ("owner",),
    "组长": ("team_lead",),
    "经理": ("manager",),
    "主管": ("manager",),
    "类别": ("category",),
    "分类": ("category",),
    "渠道": ("channel",),
    "严重程度": ("severity",),
    "产品": ("product",),
    "商品": ("product",),
    # hit policies, as an SOP describes how a table's rows are tried
    "首个": ("first",),
    "第一个": ("first",),
    "首条": ("first",),
    "唯一": ("unique",),
    "优先级": ("priority",),
    "优先": ("priority",),
    "收集": ("collect",),
    "全部": ("collect",),
    "所有": ("collect",),
}


def meant_id(written: str, allowed: Collection[str]) -> str | None:
    """The allowed id ``written`` names in Chinese, if it is a word of the table above,
    also in the done form an SOP writes a status in (已关闭 as 关闭)."""
    word = written.strip()
    meanings = IDS_IN_CHINESE.get(word) or IDS_IN_CHINESE.get(word.removeprefix("已"), ())
    return next((i for i in meanings if i in allowed), None)


#: Languages as an SOP names them, and the code a policy writes (labels, templates and
#: ``default_language`` are keyed by code).
LANGUAGES_IN_CHINESE: Final[Mapping[str, str]] = {
    "中文": "zh",
    "汉语": "zh",
    "简体中文": "zh",
    "简体": "zh",
    "普通话": "zh",
    "繁体中文": "zh-Hant",
    "繁體中文": "zh-Hant",
    "繁体": "zh-Hant",
    "英文": "en",
    "英语": "en",
}


def meant_language(written: object) -> str | None:
    """The language code ``written`` names in Chinese (中文: ``zh``), if it is one above,
    or as a country's code (``cn``: ``zh``, ``cn-Hans``: ``zh-Hans``)."""
    if not isinstance(written, str):
        return None
    if (country := meant_country(written)) is not None:
        language, rest = COUNTRIES_AS_LANGUAGES[country], written.partition("-")[2]
        return language + (f"-{rest}" if rest and "-" not in language else "")
    return LANGUAGES_IN_CHINESE.get(written.strip())


def meant_country(written: object) -> str | None:
    """``written``'s leading country code (``cn`` of ``cn-Hans``), if it is one authors
    write for a language."""
    first = written.partition("-")[0].lower() if isinstance(written, str) else None
    return first if first in COUNTRIES_AS_LANGUAGES else None
