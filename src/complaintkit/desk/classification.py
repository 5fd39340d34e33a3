"""A policy's assessment of a complaint as the drafts that classify and route its case.

The Desk opens cases with these; ``replay`` re-opens stored cases under a candidate
policy with the same drafts, so both classify alike.
"""

from __future__ import annotations

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.drafts import Draft
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import Assessment


def classification_drafts(
    plugins: Plugins, complaint: Complaint, assessment: Assessment
) -> list[Draft]:
    """``classified`` (a plugin's ``classify_complaint`` may override) and ``assigned``."""
    outcome = {
        "category": assessment.category,
        "severity": assessment.severity,
        "priority": assessment.priority,
        "tags": list(assessment.tags),
    }
    reasons = list(assessment.reasons)
    override = plugins.classify_complaint(complaint, dict(outcome))
    if override:
        outcome.update({k: v for k, v in override.items() if k in outcome})
        reasons.append("classification overridden by a plugin (classify_complaint)")
    drafts = [Draft("classified", {**outcome, "reasons": reasons}, "; ".join(reasons))]
    if assessment.owner is None:
        raise InvalidInput(
            "policy.routing",
            "the policy assigned no owner; every case needs one — add a default routing row",
        )
    drafts.append(
        Draft("assigned", {"owner": assessment.owner, "team": assessment.team}, "routed by policy")
    )
    return drafts
