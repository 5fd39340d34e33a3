"""Property checks on a whole policy (``complaintkit check``), with hypothesis.

Policy tests show the cases an author thought of; these look for the ones they did not.
Complaints and facts are generated from the policy itself (:mod:`.generators`: its keywords,
the values its conditions name, its tests' texts), optionally with DOMAIN.md's complaint
types, with any customer, amount and arrival time, and each property must hold for all:

* **classified** — a text carrying a policy keyword (or of a named complaint type) is
  decided by a classification *rule*. Landing on the default row means the policy does not
  recognise a complaint it claims to handle — an exclusion that swallows its own keyword,
  a type without rules: a gap in the SOP.
* **owner** — the case gets a named owner in a declared team (不推诿).
* **deadlines** — when the policy has an ``sla`` section, the case has at least one running
  clock with a due time.
* **compensation** — every remedy amount lies within its own floor and cap, the total is
  their sum, never negative, and no per-customer cap is exceeded by the remedies it covers.

A failure reports hypothesis' shrunk, smallest example. Hypothesis keeps nothing on disk
unless given a directory (``complaintkit check --keep DIR``).
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from complaintkit.clock import ManualClock
from complaintkit.compensation.inputs import MissingInput
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy
from complaintkit.policytest import generators
from complaintkit.policytest.generators import Vocabulary
from complaintkit.policytest.property_names import PROPERTIES
from complaintkit.testing.domain_texts import DOMAIN_TEXTS


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
        if example.get("facts"):
            lines.append(f"    facts:    {example['facts']}")
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
    running = [name for name, state in case.clocks.metrics.items() if state.due_at is not None]
    if not running:
        raise Gap(f"no SLA clock started (category {case.category!r}, priority {case.priority!r})")


def _compensation(policy: Policy, desk: Desk, complaint: Complaint, facts: dict[str, Any]) -> None:
    if policy.compensation is None:
        return
    case = desk.intake(complaint)
    try:
        decision = desk.decide_compensation(case.id, facts)
    except MissingInput:
        return  # it awaits a fact the agent supplies, as explain says (needs: ...): no gap
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
        covered = sum(
            (r.amount.amount for r in decision.remedies if r.kind in use.cap.kinds and r.amount),
            Decimal(0),
        )
        if use.used.amount + covered > use.cap.limit.amount and covered > 0:
            raise Gap(
                f"per-customer cap {use.cap.describe()} exceeded: {use.used} already given, "
                f"{covered} {decision.currency} more of {', '.join(use.cap.kinds)} decided"
            )


def _search(
    run: Callable[[Complaint, dict[str, Any]], None],
    complaints: st.SearchStrategy[Complaint],
    facts: st.SearchStrategy[dict[str, Any]],
    examples: int,
    keep: Path | None = None,
) -> tuple[Complaint, dict[str, Any], str] | None:
    """The smallest complaint (and facts) for which ``run`` raises ``Gap``, or None."""
    failed: list[tuple[Complaint, dict[str, Any], str]] = []

    @settings(
        max_examples=examples,
        database=None if keep is None else DirectoryBasedExampleDatabase(keep / "examples"),
        derandomize=keep is None,  # reproducible, unless a kept database carries the history
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(complaints, facts)
    def prop(complaint: Complaint, extra: dict[str, Any]) -> None:
        try:
            try:
                run(complaint, extra)
            except ComplaintkitError as exc:  # e.g. two rows of a unique table match it
                raise Gap(f"the policy cannot decide this complaint: {exc}") from None
        except Gap as gap:
            failed.append((complaint, extra, str(gap)))  # hypothesis replays the shrunk one last
            raise

    try:
        prop()
    except Gap:
        return failed[-1]
    return None


def _example(complaint: Complaint) -> dict[str, Any]:
    data = complaint.to_json()
    return {k: v for k, v in data.items() if v not in (None, "", {}, [])}


@contextmanager
def _hypothesis_home(keep: Path | None) -> Iterator[None]:
    """Hypothesis caches on disk; point it at ``keep`` or at a directory removed afterwards.

    With ``keep``, failing examples are also saved there and replayed first next time.
    """
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="complaintkit-check-") as scratch:
        set_hypothesis_home_dir(keep if keep is not None else scratch)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def check(
    policy: Policy,
    *,
    types: tuple[str, ...] | None = None,
    examples: int = 100,
    plugins: Plugins | None = None,
    only: tuple[str, ...] = PROPERTIES,
    vocab: Vocabulary | None = None,
    keep: Path | None = None,
) -> list[Finding]:
    """Run each property on ``examples`` generated complaints; one finding per failing property.

    ``vocab`` is what to generate from (default: the policy alone, see :mod:`.generators`);
    ``types`` adds DOMAIN.md complaint types the policy must recognise.
    """
    unknown = sorted(set(only) - set(PROPERTIES))
    if unknown:
        raise ValueError(f"unknown properties {unknown}; known: {', '.join(PROPERTIES)}")
    if examples < 1:
        raise ValueError(f"examples must be 1 or more (got {examples})")
    plugins = plugins if plugins is not None else Plugins()
    vocab = vocab if vocab is not None else generators.vocabulary(policy)
    typed = tuple(text for kind in types or () for text in DOMAIN_TEXTS[kind])
    recognised = tuple(dict.fromkeys((*vocab.keywords, *typed)))
    everything = tuple(dict.fromkeys((*vocab.texts, *typed)))
    facts = generators.facts(vocab)
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    shared = Desk(  # one Desk for every example: building one per example dominates the run
        policy, storage="memory:", clock=clock, plugins=plugins, provisional=True
    )
    serial = itertools.count()

    def fresh(complaint: Complaint) -> Complaint:
        """A new idempotency key each run, so one Desk serves every example, taken in when
        it was received (clocks start at receipt; an old complaint would be overdue)."""
        clock.set(complaint.received_at)
        return attrs.evolve(complaint, external_id=f"check-{next(serial)}")

    runs: dict[str, Callable[[Complaint, dict[str, Any]], None]] = {
        "classified": lambda c, f: _classified(policy, c),
        "owner": lambda c, f: _owner(policy, shared, fresh(c)),
        "deadlines": lambda c, f: _deadlines(policy, shared, fresh(c)),
        "compensation": lambda c, f: _compensation(policy, shared, fresh(c), f),
    }
    findings = []
    with _hypothesis_home(keep):
        for name in only:
            texts = recognised if name == "classified" else everything
            if not texts:
                continue  # nothing the policy claims to recognise: no classification gap
            # a complaint naming two things may rightly land on the default row (an
            # exclusion), but must still be decided, owned and timed
            complaints = generators.complaints(vocab, texts, pairs=name != "classified")
            found = _search(runs[name], complaints, facts, examples, keep)
            if found is not None:
                complaint, extra, message = found
                example = _example(complaint)
                if extra and name == "compensation":
                    example["facts"] = extra
                findings.append(Finding(name, message, example))
    return findings
