"""What SLA and escalation conditions read about a case: ``case.*``, ``complaint.*`` and
``customer.*`` — the same paths classification rules use for a complaint, plus the case."""

from __future__ import annotations

from complaintkit.model.case import Case
from complaintkit.policy.facts import Facts


def case_facts(case: Case) -> Facts:
    complaint = case.complaint.to_json()
    return Facts(
        {
            "case": {
                "status": case.status.value,
                "category": case.category,
                "severity": case.severity,
                "priority": case.priority,
                "tags": list(case.tags),
                "owner": case.owner,
                "team": case.team,
                "escalation_level": case.escalation_level,
                "channel": case.complaint.channel,
                "policy_version": case.policy_version,
                "complaints": len(case.complaints),
            },
            "complaint": complaint,
            "customer": complaint["customer"],
        }
    )
