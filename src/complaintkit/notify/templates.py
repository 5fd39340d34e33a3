"""Message templates: ``{case.id}`` placeholders filled from a fixed whitelist of fields.

A template is text, never code. Placeholders name fields from ``FIELDS`` only, checked when
the policy is compiled; rendering looks each one up in a flat ``dict[str, str]`` built by
``template_fields`` from the case, so a template cannot reach attributes, methods or other
cases. ``{{`` and ``}}`` write literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

import attrs

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent

#: Every field a template may use, with what it holds.
FIELDS: Mapping[str, str] = {
    "case.id": "the case id",
    "case.status": "the case status (received, investigating, resolved…)",
    "case.category": "the category the policy assigned",
    "case.severity": "the severity",
    "case.priority": "the priority",
    "case.subject": "the subject of the complaint that opened the case",
    "case.opened_at": "when the case was opened",
    "case.owner": "the owner's name",
    "case.team": "the owning team",
    "case.status_url": "the customer's status page (notifications.status_url + token)",
    "case.first_response_due": "when the first response is promised (SLA clock), if known",
    "case.resolution_due": "when resolution is promised (SLA clock), if known",
    "case.resolution": "how the complaint was resolved (steps taken)",
    "case.due.<metric>": "when any SLA clock is due, e.g. {case.due.on_site} (empty if none)",
    "case.compensation": "the latest compensation decision, one remedy per line",
    "case.compensation_total": "the latest compensation decision's total, e.g. 2020.00 CNY",
    "case.opens_at": "when we open again, if the complaint arrived outside working hours (else empty)",
    "case.improvements_note": "a sentence in the message's language listing the recorded improvements (else empty)",
    "root_cause.summary": "a sentence in the message's language naming the recorded cause (else empty)",
    "case.after_hours_note": "a sentence in the message's language saying the complaint arrived outside working hours and when we open (else empty)",
    "case.improvements": "process changes recorded with the root cause, one per line (empty when none was recorded, so a letter never claims one)",
    "customer.id": "the customer's id",
    "customer.name": "the customer's name, or their id when no name is known",
    "customer.contact": "the customer's contact address",
    "root_cause.cause": "the root cause: the last answer of the 5-Why chain",
    "root_cause.whys": "the whole 5-Why chain, one answer per line",
    "root_cause.nature": "systemic or incidental",
    "root_cause.fishbone": "the fishbone branch (people, process, product…)",
    "root_cause.impact": "the assessed impact",
    "event.kind": "the event that caused this message",
    "event.at": "when it happened",
    "event.reason": "the reason recorded with the event",
    "message": "the text of a response or progress update",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@attrs.frozen
class Template:
    """A compiled template: literal text and field names, alternating."""

    source: str
    parts: tuple[tuple[str, str], ...]  # ("text", literal) or ("field", name)

    @classmethod
    def compile(cls, source: str) -> Template:
        """Parse ``source``; an unknown field or a stray brace raises ``ValueError``."""
        parts: list[tuple[str, str]] = []
        position = 0
        for match in _TOKEN.finditer(source):
            parts.append(("text", source[position : match.start()]))
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(("text", token[0]))
            elif match.group(1) is None:
                raise ValueError(
                    f"stray {token!r} at character {match.start()}; write {token * 2} for a "
                    "literal brace"
                )
            elif (name := match.group(1).strip()) not in FIELDS and not _DUE.fullmatch(name):
                raise ValueError(
                    f"unknown field {{{name}}}; templates may use {', '.join(sorted(FIELDS))}"
                )
            else:
                parts.append(("field", name))
            position = match.end()
        parts.append(("text", source[position:]))
        return cls(source, tuple(p for p in parts if p != ("text", "")))

    def render(self, fields: Mapping[str, str]) -> str:
        return "".join(v if kind == "text" else fields.get(v, "") for kind, v in self.parts)


#: ``{case.due.<metric>}``: any clock's due time, named by its metric.
_DUE: Final = re.compile(r"case\.due\.[A-Za-z_][A-Za-z0-9_]*")


def format_instant(value: datetime | None) -> str:
    """``2026-11-23 09:30 +08:00``: readable, and unambiguous about the zone."""
    if value is None:
        return ""
    offset = value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def clock_due(case: Case, metric: str) -> datetime | None:
    """The deadline the SLA engine recorded for ``metric`` (None when it has no running
    clock), so templates degrade to an empty field when no SLA is configured.

    Shown in the offset the complaint was received in — the customer's clock, not UTC.
    """
    clock = case.clocks.get(metric)
    if clock is None or clock.due_at is None:
        return None
    return clock.due_at.astimezone(case.complaint.received_at.tzinfo)


CAUSE: Mapping[str, str] = {"zh": "原因：{cause}。", "en": " The cause: {cause}."}  # noqa: RUF001 -- Chinese punctuation
IMPROVEMENTS: Mapping[str, str] = {
    "zh": "我们已采取的改进措施：{items}。",  # noqa: RUF001 -- Chinese punctuation
    "en": " What we have changed: {items}.",
}


def _sentence(sentences: Mapping[str, str], language: str, **values: str) -> str:
    return sentences.get(language, sentences["en"]).format(**values)


AFTER_HOURS: Mapping[str, str] = {
    "zh": "您的投诉是在营业时间外收到的，我们将于 {opens} 开始处理。",  # noqa: RUF001 -- Chinese punctuation
    "en": " We received it outside our working hours and open again at {opens}.",
}


def opens_at(case: Case) -> datetime | None:
    """When we open, if the complaint arrived outside working hours (recorded from the SLA
    engine's promise), in the offset the complaint was received in."""
    value = case.attributes.get("opens_at")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).astimezone(case.complaint.received_at.tzinfo)
    except ValueError:
        return None


def _compensation(case: Case) -> tuple[str, str]:
    """The latest compensation entry as lines ``kind: label amount`` and its total."""
    if not case.compensation:
        return "", ""
    decision = case.compensation[-1].get("decision") or {}
    lines = []
    for remedy in decision.get("remedies", []):
        label = remedy.get("label") or {}
        title = next(iter(label.values()), remedy.get("kind", "")) if label else remedy["kind"]
        amount = remedy.get("amount")
        money = f" {amount['amount']} {amount['currency']}" if amount else ""
        lines.append(f"{title}{money}")
    total = decision.get("total")
    return "\n".join(lines), f"{total['amount']} {total['currency']}" if total else ""


def template_fields(
    case: Case, event: CaseEvent | None = None, *, status_url: str = "", language: str = ""
) -> dict[str, str]:
    """The whitelisted fields for one case (and the event being announced), as text;
    ``language`` is the message's, for the fields that are whole sentences."""
    customer = case.complaint.customer
    root = case.root_cause
    data: dict[str, Any] = event.data if event is not None else {}
    remedies, total = _compensation(case)
    due = {
        f"case.due.{metric}": format_instant(clock_due(case, metric))
        for metric in case.clocks.metrics
    }
    return due | {
        "case.compensation": remedies,
        "case.compensation_total": total,
        "case.id": case.id,
        "case.status": case.status.value,
        "case.category": case.category or "",
        "case.severity": case.severity or "",
        "case.priority": case.priority or "",
        "case.subject": case.complaint.subject,
        "case.opened_at": format_instant(case.opened_at),
        "case.owner": case.owner or "",
        "case.team": case.team or "",
        "case.status_url": status_url.replace("{token}", case.status_token) if status_url else "",
        "case.first_response_due": format_instant(clock_due(case, "first_response")),
        "case.resolution_due": format_instant(clock_due(case, "resolution")),
        "case.resolution": case.resolution or "",
        "case.improvements_note": _sentence(
            IMPROVEMENTS,
            language,
            items=("；" if language == "zh" else "; ").join(root.improvements),  # noqa: RUF001 -- Chinese punctuation
        )
        if root and root.improvements
        else "",
        "root_cause.summary": _sentence(CAUSE, language, cause=root.whys[-1]) if root else "",
        "case.opens_at": format_instant(opening := opens_at(case)),
        "case.after_hours_note": ""
        if opening is None
        else _sentence(AFTER_HOURS, language, opens=format_instant(opening)),
        "case.improvements": "\n".join(root.improvements) if root else "",
        "customer.id": customer.id,
        "customer.name": customer.name or customer.id,
        "customer.contact": customer.contact or "",
        "root_cause.cause": root.whys[-1] if root else "",
        "root_cause.whys": "\n".join(root.whys) if root else "",
        "root_cause.nature": root.nature if root else "",
        "root_cause.fishbone": root.fishbone if root else "",
        "root_cause.impact": root.impact if root else "",
        "event.kind": event.kind if event else "",
        "event.at": format_instant(event.at) if event else "",
        "event.reason": event.reason if event else "",
        "message": str(data.get("message", "")),
    }
