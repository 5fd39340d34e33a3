"""What SLA and escalation conditions read about a case: the one case record every
condition reads (:mod:`complaintkit.policy.case_record`)."""

from __future__ import annotations

from complaintkit.model.case import Case
from complaintkit.policy.case_record import case_record
from complaintkit.policy.facts import Facts


def case_facts(case: Case) -> Facts:
    return Facts(case_record(case))
