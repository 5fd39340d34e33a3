"""The template field an SOP author means by a placeholder named in Chinese, or by an
English name that is not the field's.

A Chinese SOP writes its letters with ``{案件编号}`` and ``{客户姓名}``; a template's fields
are named in English (``{case.id}``, ``{customer.name}``), and a typo search finds nothing
close to a Chinese name. This is data, not a translation engine: the common names of the
fields in Chinese letters, each mapped to one field, read only to suggest what to write.
A name not here gets the list of fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

from complaintkit.model.language import HAN_CHARACTERS
from complaintkit.policy.key_hints import meant_key

#: A placeholder's name as an author may write it (without ``case.`` or ``customer.``
#: before a Chinese name), and the field it means.
FIELD_WORDS: Final[Mapping[str, str]] = {
    # the case
    "案件编号": "case.id",
    "投诉编号": "case.id",
    "工单号": "case.id",
    "工单编号": "case.id",
    "受理编号": "case.id",
    "编号": "case.id",
    "单号": "case.id",
    "案件状态": "case.status_label",
    "处理状态": "case.status_label",
    "状态": "case.status_label",
    "投诉类别": "case.category_label",
    "投诉类型": "case.category_label",
    "类别": "case.category_label",
    "分类": "case.category_label",
    "严重程度": "case.severity_label",
    "优先级": "case.priority_label",
    "投诉主题": "case.subject",
    "主题": "case.subject",
    "标题": "case.subject",
    "受理时间": "case.opened_at",
    "立案时间": "case.opened_at",
    "投诉时间": "case.opened_at",
    "负责人": "case.owner",
    "处理人": "case.owner",
    "经办人": "case.owner",
    "处理部门": "case.team",
    "部门": "case.team",
    "查询链接": "case.status_url",
    "进度链接": "case.status_url",
    "答复期限": "case.first_response_due",
    "答复时限": "case.first_response_due",
    "回复时限": "case.first_response_due",
    "首次响应时限": "case.first_response_due",
    "处理时限": "case.resolution_due",
    "办结时限": "case.resolution_due",
    "办结期限": "case.resolution_due",
    "处理结果": "case.resolution",
    "处理意见": "case.resolution",
    "解决方案": "case.resolution",
    "赔偿方案": "case.compensation",
    "补偿方案": "case.compensation",
    "赔偿金额": "case.compensation_total",
    "补偿金额": "case.compensation_total",
    "改进措施": "case.improvements",
    "整改措施": "case.improvements",
    "营业时间": "case.opens_at",
    # the customer
    "客户姓名": "customer.name",
    "顾客姓名": "customer.name",
    "投诉人": "customer.name",
    "姓名": "customer.name",
    "客户": "customer.name",
    "联系方式": "customer.contact",
    "联系电话": "customer.contact",
    "手机号": "customer.contact",
    "邮箱": "customer.contact",
    "客户编号": "customer.id",
    "会员号": "customer.id",
    # the cause and the event
    "原因": "root_cause.cause",
    "根本原因": "root_cause.cause",
    "回复内容": "message",
    "答复内容": "message",
    "内容": "message",
    "理由": "event.reason",
    # English names that are not the field's
    "case.customer": "customer.name",
    "case.customer_name": "customer.name",
    "customer_name": "customer.name",
    "case.contact": "customer.contact",
    "case_id": "case.id",
    "case.number": "case.id",
    "case.deadline": "case.resolution_due",
    "case.due": "case.resolution_due",
}

#: What a Chinese name may be written after: the part of the field list it belongs to.
_PREFIXES: Final = ("case.", "customer.", "root_cause.", "event.")

#: A prefix written in Chinese (``{客户.姓名}``), and the one meant.
_PREFIX_WORDS: Final[Mapping[str, str]] = {
    "客户": "customer",
    "顾客": "customer",
    "案件": "case",
    "投诉": "case",
    "工单": "case",
}

#: Words that name the customer's own field after ``customer.``: ``{编号}``
#: alone is the case's number, ``{customer.编号}`` the customer's.
_CUSTOMER_WORDS: Final[Mapping[str, str]] = {
    "编号": "customer.id",
    "号码": "customer.id",
    "账号": "customer.id",
    "名字": "customer.name",
    "名称": "customer.name",
    "称呼": "customer.name",
    "电话": "customer.contact",
    "手机": "customer.contact",
}

#: Chinese characters: a typo search on them finds only what is spelt alike in ASCII
#: (``customer.名字`` came out as customer.id), so none is made.
_HAN: Final = re.compile(f"[{HAN_CHARACTERS}]")


def field_meant(name: str) -> str | None:
    """The field ``name`` means by the words above (``案件编号``, ``case.编号``,
    ``customer.编号``, ``客户.姓名``, with a full-width dot too), or None."""
    name = unicodedata.normalize("NFKC", name).strip()
    if name in FIELD_WORDS:
        return FIELD_WORDS[name]
    head, dot, rest = name.partition(".")
    prefix = _PREFIX_WORDS.get(head, head) + dot
    if prefix not in _PREFIXES or rest.isascii():
        return None
    meant = (_CUSTOMER_WORDS.get(rest) if prefix == "customer." else None) or FIELD_WORDS.get(rest)
    if meant is not None and (meant.startswith(prefix) or prefix == "case."):
        return meant
    return None


def field_guessed(name: str, known: Sequence[str]) -> str | None:
    """The field ``name`` means, else the one of ``known`` it is a typo of: never guessed
    from Chinese, and a name in the full-width letters an input method types is read in ASCII."""
    meant = field_meant(name)
    if meant is not None or _HAN.search(name):
        return meant
    written = unicodedata.normalize("NFKC", name)
    other = in_another_part(written, known)
    if other is not None:
        return other
    close = meant_key(written, [*known, *ascii_words()])
    return FIELD_WORDS.get(close, close) if close else None


def in_another_part(name: str, known: Sequence[str]) -> str | None:
    """``{case.nmae}``: the one field of that name, or of a name close to it, under another
    part (``{customer.name}``) when the part written has none — not the nearest spelling of
    the whole (``{case.id}``)."""
    part, dot, leaf = name.rpartition(".")
    if not dot:
        return None
    close = meant_key(leaf, {field.rpartition(".")[2] for field in known if "." in field})
    if close is None or f"{part}.{close}" in known:
        return None
    others = [field for field in known if field.rpartition(".")[2] == close]
    return others[0] if len(others) == 1 else None


def ascii_words() -> list[str]:
    """The English names above that are not fields' own."""
    return [word for word in FIELD_WORDS if word.isascii()]
