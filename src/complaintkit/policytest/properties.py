"""Property checks on a whole policy (``complaintkit check``), with hypothesis.

Policy tests show the cases an author thought of; these look for the ones they did not.
Complaints are generated from DOMAIN.md's complaint types (``strategies.domain_complaints``)
with any customer, amount, channel and arrival time, and each property must hold for all:

* **classified** — a classification *rule* decides the category. The loader already insists
  on a default row, so every complaint gets *some* category; landing on the default means no
  rule recognised a complaint of a type the policy claims to handle — a gap in the SOP.
* **owner** — the case gets a named owner in a declared team (不推诿).
* **deadlines** — when the policy has an ``sla`` section, the case has at least one running
  clock with a due time.
* **compensation** — every remedy amount lies within its own floor and cap, the total is
  their sum, never negative, and no per-customer cap is exceeded.

A failure reports hypothesis' shrunk, smallest example.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy
from complaintkit.testing.strategies import domain_complaints, money

PROPERTIES = ("classified", "owner", "deadlines", "compensation")


class Gap(AssertionError):
    """A property that does not hold for one generated complaint."""


@attrs.frozen
class Finding:
    """A property that failed, with the smallest complaint hypothesis found for it."""

    property: str
    message: str
    example: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"property": self.property, "message": self.message, "example": self.example}

    def __str__(self) -> str:
        example = self.example
        lines = [
            f"FAIL {self.property}: {self.message}",
            "  smallest example:",
            f"    text:     {example.get('text')!r}",
            f"    customer: {example.get('customer')}",
        ]
        if example.get("amount") is not None:
            lines.append(f"    amount:   {example['amount']}")
        return "\n".join(lines)


def _classified(policy: Policy, complaint: Complaint) -> None:
    """Which table set the category last, and whether by a rule row or by its default."""
    facts = policy.facts(complaint)
    case: dict[str, object] = {}
    facts.data["case"] = case  # type: ignore[index]
    decided_by_default: str | None = None
    for table in policy.assessor.classification:
        result = table.evaluate(facts)
        case.update({k: v for k, v in result.outputs.items() if k != "tags"})
        if "category" in result.outputs:
            decided_by_default = table.name if result.used_default else None
    catalog = policy.assessor.catalog
    for kind, plural in (
        ("category", "categories"),
        ("severity", "severities"),
        ("priority", "priorities"),
    ):
        if case.get(kind) not in catalog.kind(plural):
            raise Gap(f"no declared {kind} (got {case.get(kind)!r})")
    if decided_by_default is not None:
        raise Gap(
            f"no classification rule matched; {decided_by_default}'s default gave category "
            f"{case['category']!r} — add a rule (keywords) for complaints like this"
        )


def _owner(policy: Policy, desk: Desk, complaint: Complaint) -> None:
    case = desk.intake(complaint)
    if not case.owner:
        raise Gap("the case has no owner")
    if case.team is not None and case.team not in policy.assessor.catalog.teams:
        raise Gap(f"routed to undeclared team {case.team!r}")


def _deadlines(policy: Policy, desk: Desk, complaint: Complaint) -> None:
    if policy.sla is None:
        return
    case = desk.intake(complaint)
    running = [
        name
        for name, state in case.clocks.items()
        if not name.startswith("_") and isinstance(state, dict) and state.get("due_at")
    ]
    if not running:
        raise Gap(f"no SLA clock started (category {case.category!r}, priority {case.priority!r})")


def _compensation(policy: Policy, desk: Desk, complaint: Complaint, facts: dict[str, Any]) -> None:
    if policy.compensation is None:
        return
    case = desk.intake(complaint)
    decision = desk.decide_compensation(case.id, facts)
    total = Decimal(0)
    for remedy in decision.remedies:
        if remedy.amount is None:
            continue
        amount = remedy.amount.amount
        total += amount
        if amount < 0:
            raise Gap(f"remedy {remedy.kind} (row {remedy.row}) is negative: {remedy.amount}")
        if remedy.cap is not None and amount > remedy.cap.amount:
            raise Gap(
                f"remedy {remedy.kind} (row {remedy.row}) gives {remedy.amount}, over its cap {remedy.cap}"
            )
    if total != decision.total.amount:
        raise Gap(f"total {decision.total} is not the sum of the remedies ({total})")
    for use in decision.caps:
        if (
            use.used.amount + decision.total.amount > use.cap.limit.amount
            and use.reduced_by.amount == 0
        ):
            raise Gap(f"per-customer cap {use.cap.describe()} exceeded: {use.used} already given")


def _search(
    run: Callable[[Complaint, dict[str, Any]], None],
    complaints: st.SearchStrategy[Complaint],
    facts: st.SearchStrategy[dict[str, Any]],
    examples: int,
) -> tuple[Complaint, str] | None:
    """The smallest complaint for which ``run`` raises ``Gap``, or None."""
    failed: list[tuple[Complaint, str]] = []

    @settings(
        max_examples=examples,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(complaints, facts)
    def prop(complaint: Complaint, extra: dict[str, Any]) -> None:
        try:
            run(complaint, extra)
        except Gap as gap:
            failed.append((complaint, str(gap)))  # hypothesis replays the shrunk one last
            raise

    try:
        prop()
    except Gap:
        return failed[-1]
    return None


def _example(complaint: Complaint) -> dict[str, Any]:
    data = complaint.to_json()
    return {k: v for k, v in data.items() if v not in (None, "", {}, [])}


def check(
    policy: Policy,
    *,
    types: tuple[str, ...] | None = None,
    examples: int = 100,
    plugins: Plugins | None = None,
    only: tuple[str, ...] = PROPERTIES,
) -> list[Finding]:
    """Run each property on ``examples`` generated complaints; one finding per failing property."""
    plugins = plugins if plugins is not None else Plugins()
    findings = []
    facts = st.fixed_dictionaries(
        {},
        optional={
            "fault": st.sampled_from(["company", "customer", "carrier", "none"]),
            "fraud": st.booleans(),
        },
    ).flatmap(
        # formulas read the price paid; supply it so every complaint can be decided
        lambda extra: money("CNY", min_value=0, max_value=20_000).map(
            lambda paid: {**extra, "price": paid, "paid": paid}
        )
    )

    shared = Desk(  # one Desk for every example: building one per example dominates the run
        policy,
        storage="memory:",
        clock=ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC)),
        plugins=plugins,
        provisional=True,
    )
    serial = itertools.count()

    def fresh(complaint: Complaint) -> Complaint:
        """A new idempotency key each run, so one Desk serves every example."""
        return attrs.evolve(complaint, external_id=f"check-{next(serial)}")

    runs: dict[str, Callable[[Complaint, dict[str, Any]], None]] = {
        "classified": lambda c, f: _classified(policy, c),
        "owner": lambda c, f: _owner(policy, shared, fresh(c)),
        "deadlines": lambda c, f: _deadlines(policy, shared, fresh(c)),
        "compensation": lambda c, f: _compensation(policy, shared, fresh(c), f),
    }
    for name in only:
        found = _search(runs[name], domain_complaints(types), facts, examples)
        if found is not None:
            findings.append(Finding(name, found[1], _example(found[0])))
    return findings
