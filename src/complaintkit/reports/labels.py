"""Report labels in English and Chinese; every renderer takes its words from here."""

from __future__ import annotations

from typing import Literal

from complaintkit.model.case import NATURES

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Complaint report", "投诉分析报告"),
    "scope": ("Scope", "范围"),
    "all_time": ("all cases", "全部案件"),
    "generated": ("Generated", "生成时间"),
    "total": ("Cases", "案件数"),
    "category": ("Category", "类别"),
    "channel": ("Channel", "渠道"),
    "severity": ("Severity", "严重程度"),
    "product": ("Product", "产品"),
    "count": ("Count", "数量"),
    "share": ("Share", "占比"),
    "cumulative": ("Cumulative", "累计占比"),
    "none": ("(none)", "(未填)"),
    "durations": ("Response and resolution times", "响应与解决时长"),
    "first_response": ("Time to first response", "首次响应时长"),
    "resolution": ("Time to resolution", "解决时长"),
    "calendar": ("calendar time", "自然时间"),
    "business": ("business time", "工作时间"),
    "hours": ("hours", "小时"),
    "sla": ("SLA attainment", "SLA 达成率"),
    "metric": ("Metric", "指标"),
    "met": ("Met", "达成"),
    "breached": ("Breached", "超时"),
    "running": ("Running", "计时中"),
    "cancelled": ("Cancelled", "已取消"),
    "attainment": ("Attainment", "达成率"),
    "escalation": ("Escalation by level", "升级层级"),
    "level": ("Level", "层级"),
    "reached": ("Reached", "达到"),
    "rate": ("Rate", "比例"),
    "reopened": ("Reopened", "重新打开"),
    "satisfaction": ("Satisfaction", "满意度"),
    "average": ("Average", "平均分"),
    "responses": ("Responses", "回访数"),
    "score": ("Score", "评分"),
    "compensation": ("Compensation", "补偿"),
    "remedy": ("Remedy", "补偿方式"),
    "currency": ("Currency", "币种"),
    "amount": ("Given", "已给付"),
    "all_remedies": ("All remedies", "全部补偿"),
    "root_causes": ("Top root causes", "主要根因"),
    "fishbone": ("Fishbone", "鱼骨分类"),
    "nature": ("Nature", "性质"),
    "why": ("Root cause", "根因"),
    "systemic": ("systemic", "系统性"),
    "incidental": ("incidental", "个别"),
    "daily": ("Daily volume by category", "按类别每日投诉量"),
    "day": ("Day", "日期"),
    "cases": ("cases", "件"),
    "spikes": ("Risk alerts (volume spikes)", "风险预警(投诉量激增)"),
    "key": ("Key", "对象"),
    "baseline": ("Baseline mean ± stdev", "基线均值 ± 标准差"),
    "threshold": ("Threshold", "阈值"),
    "p_value": ("Poisson p", "泊松 p 值"),
    "batches": ("Batch incidents (recall trigger)", "批量事件(召回触发)"),
    "value": ("Value", "值"),
    "first_at": ("First", "首件"),
    "last_at": ("Last", "末件"),
    "nothing": ("none", "无"),
    "workload_owner": ("Open and late by owner", "按负责人:未结与逾期"),
    "workload_team": ("Open and late by team", "按团队:未结与逾期"),
    "owner": ("Owner", "负责人"),
    "team": ("Team", "团队"),
    "open": ("Open", "未结"),
    "late": ("Late", "逾期"),
    "due_soon": ("Due within 24 h", "24小时内到期"),
    "late_cases": ("Late cases", "逾期案件"),
    "case": ("Case", "案件"),
    "late_by": ("Late by (hours)", "逾期(小时)"),
    "more_late": (
        "{n} more late: complaintkit cases list --overdue",
        "另有 {n} 件逾期:complaintkit cases list --overdue",
    ),
    "pareto": ("Pareto", "帕累托图"),
    "incident": ("Incident", "事件编号"),
    "by": ("By", "按"),
    "imported": ("Imported", "导入"),
    "customers": ("Customers", "投诉客户"),
    "repeat_customers": ("Repeat customers", "重复投诉客户"),
    "tag": ("Tag", "标签"),
    "attribute": ("Attribute", "属性"),
    "dead_letters": ("Refused input (dead letters)", "未能受理的输入(死信)"),
    "undelivered": ("Undelivered notifications (dead letters)", "未能发送的通知(死信)"),
    "reason": ("Reason", "原因"),
    "more": ("{n} more", "另有 {n} 项"),
    "no_data": ("no data", "暂无数据"),
    "unnamed": (" ({n} complaints name no product)", "(另有 {n} 件未注明商品)"),
    "unnamed_one": (" ({n} complaint names no product)", "(另有 {n} 件未注明商品)"),
    "spike": ("spike", "激增"),
    "incident_mark": ("incident", "批量事件"),
    "case_id": ("Case", "案件"),
    "opened_at": ("Opened", "开启时间"),
    "damaged": (
        "(damaged: not read; see complaintkit audit verify)",
        "(已损坏,无法读取;见 complaintkit audit verify)",
    ),
}


def label(name: str, lang: Lang) -> str:
    english, chinese = _LABELS[name]
    return chinese if lang == "zh" else english


_METRICS = {"first_response": ("First response", "首次响应"), "resolution": ("Resolution", "解决")}


def metric_label(metric: str, lang: Lang) -> str:
    """An SLA metric's name for people: the usual two are translated, a policy's own is spelled out."""
    if metric in _METRICS:
        english, chinese = _METRICS[metric]
        return chinese if lang == "zh" else english
    return metric.replace("_", " ")


def nature_label(nature: str, lang: Lang) -> str:
    """A root cause's nature: the two a case records translated, any other as stored (a
    body edited outside complaintkit is read without checking, and must not end the report)."""
    return label(nature, lang) if nature in NATURES else nature


def fact_label(fact: str, lang: Lang) -> str:
    """The heading for a ``--by`` fact: a known field's label, or ``Attribute company``."""
    if fact.startswith("attribute."):
        return f"{label('attribute', lang)} {fact.split('.', 1)[1]}"
    return label(fact, lang) if fact in _LABELS else fact
