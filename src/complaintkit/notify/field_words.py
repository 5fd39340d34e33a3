"""The template field an SOP author means by a placeholder named in Chinese, or by an
English name that is not the field's.

A Chinese SOP writes its letters with ``{案件编号}`` and ``{客户姓名}``; a template's fields
are named in English (``{case.id}``, ``{customer.name}``), and a typo search finds nothing
close to a Chinese name. This is data, not a translation engine: the common names of the
fields in Chinese letters, each mapped to one field, read only to suggest what to write.
A name not here gets the list of fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

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


def field_meant(name: str) -> str | None:
    """The field ``name`` means by the words above (``案件编号``, ``case.编号``), or None."""
    name = name.strip()
    if name in FIELD_WORDS:
        return FIELD_WORDS[name]
    for prefix in _PREFIXES:
        rest = name.removeprefix(prefix)
        if rest != name and not rest.isascii():
            meant = FIELD_WORDS.get(rest)
            if meant is not None and (meant.startswith(prefix) or prefix == "case."):
                return meant
    return None
