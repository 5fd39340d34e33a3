"""One record of a case for every condition that reads one, so a fact has one name.

SLA targets, escalation levels, gates, notification rules and compensation rows all ask
about a case. They read the same record: its own fields under ``case.*`` (custom event
counts under ``case.events.<name>``), the complaint under ``complaint.*`` and
``customer.*``, and the facts supplied for it (complaint attributes, then facts agents set,
then the caller's) at the top level — ``fraud``, ``loss``, ``flight.delay_minutes``.
"""

from __future__ import annotations

from collections.abc import Mapping

from complaintkit.model.case import Case
from complaintkit.policy.supplied import plain, supplied_facts


def case_record(case: Case, facts: Mapping[str, object] | None = None) -> dict[str, object]:
    """The record every case condition reads (classification after intake, SLA targets,
    escalation, gates, notification rules, compensation): ``case.*``, ``complaint.*``,
    ``customer.*``, and the supplied facts at the top level."""
    complaint = case.complaint
    extra = supplied_facts(complaint.attributes, case.attributes, facts=facts)
    record: dict[str, object] = {
        "case": {
            "id": case.id,
            "category": case.category,
            "severity": case.severity,
            "priority": case.priority,
            "tags": list(case.tags),
            "escalation_level": case.escalation_level,
            "status": case.status.value,
            "team": case.team,
            "owner": case.owner,
            "channel": complaint.channel,
            "complaints": len(case.complaints),
            "policy_version": case.policy_version,
            "attributes": case.attributes,
            "events": dict(case.attributes.get("events") or {}),
        },
        # every field of the complaint as it arrived; Money as a Decimal and its currency
        "complaint": {
            **complaint.to_json(),
            "received_at": complaint.received_at,
            "amount": None if complaint.amount is None else complaint.amount.amount,
            "currency": None if complaint.amount is None else complaint.amount.currency,
        },
        "customer": complaint.customer.to_json(),
    }
    record.update({k: plain(v) for k, v in extra.items()})
    return record
