"""The loader's view of the ``compensation`` section, and its part of ``explain``.

Compiles the section against the document's own categories and severities (for the
coverage and overlap checks), the operator registry and the formula registry plugins
extend. ``complaintkit explain`` shows the decision for the case the complaint would open,
arithmetic included. Facts the case record does not hold (``fraud``, ``unsafe_food``,
``flight.distance_km``) come from the complaint's ``attributes``: each attribute is a fact
of the same name, and an attribute written as ``{amount: "12.50", currency: CNY}`` is a
Money input for formulas (``price``, ``loss``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from complaintkit.compensation.approval_roles import approval_role_problems
from complaintkit.compensation.explain import render_decision
from complaintkit.compensation.policy import SCHEMA as COMPENSATION_SCHEMA
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.policy.explain import ExplainBlock
from complaintkit.policy.facts import Facts
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join

NAME: Final = "compensation"
SCHEMA: Final[Mapping[str, Any]] = {NAME: COMPENSATION_SCHEMA}


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> CompensationPolicy | None:
    """The compiled section, or None when the document has none."""
    if data.get(NAME) is None:
        return None
    roles = approval_role_problems(data, locate)  # beside the section's own, either way
    try:
        compiled = compile_section(
            data[NAME],
            join(path, NAME),
            locate=locate,
            categories=_ids(data.get("categories")),
            severities=_ids(data.get("severities")),
            formulas=context.formulas,
            operators=context.operators,
        )
    except PolicyError as exc:
        raise PolicyError([*exc.problems, *roles]) from None
    return attrs.evolve(compiled, problems=(*compiled.problems, *roles))


def _ids(section: object) -> list[str]:
    return [str(key) for key in section] if isinstance(section, Mapping) else []


def explain(
    compiled: CompensationPolicy, facts: Facts, complaint: Complaint, case: Case
) -> list[ExplainBlock]:
    """The decision for the provisional case: the row, each remedy's arithmetic, the total;
    or, when this complaint cannot be decided (paid in another currency than the policy
    pays in), why — in this block only, so the other sections are still explained."""
    try:
        decision = compiled.decide(case, now=complaint.received_at, partial=True)
    except InvalidInput as refused:
        line = f"cannot decide compensation for this complaint: {refused}"
        error = {"field": refused.field, "message": refused.message}
        return [
            ExplainBlock(NAME, f"compensation ({compiled.currency})", (line,), {"error": error})
        ]
    lines = tuple(render_decision(decision).splitlines()[1:])
    title = f"compensation ({decision.currency}; facts from the complaint's attributes)"
    return [ExplainBlock(NAME, title, lines, decision.to_json())]
