"""Running policy tests through a real Desk on memory storage with a manual clock.

Each test gets a fresh Desk, so tests never see each other's cases. Time moves only when a
step says ``at:``; whenever it moves, the SLA sweep runs first (as a production sweep
would have in the meantime), so "escalations fired by T" means what it says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import attrs

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import (
    ComplaintkitError,
    InvalidInput,
    Location,
    PolicyError,
    StepsMissing,
)
from complaintkit.model.case import Case, RootCause
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.as_written import as_written
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policytest.complaint_values import (
    as_complaint,
    complaint_problems,
    with_facts,
)
from complaintkit.policytest.diff import Counting, Mismatch, compare
from complaintkit.policytest.expected_ids import undeclared_ids
from complaintkit.policytest.expected_names import unknown_levels, unknown_rows
from complaintkit.policytest.spec import (
    PolicyTest,
    Step,
    TestFile,
    currency_problems,
    expectation_problems,
    load_test_file,
)
from complaintkit.policytest.unused_facts import facts_read, plugin_reads_facts, unused_facts
from complaintkit.sla.reckoning import Rules
from complaintkit.sla.shown_zone import declared_zones


@attrs.frozen
class Checkpoint:
    """Where expectations were checked and what differed there."""

    label: str
    location: Location
    mismatches: tuple[Mismatch, ...]


@attrs.frozen
class TestResult:
    file: Path
    test: PolicyTest
    failures: tuple[Checkpoint, ...] = ()
    error: str | None = None
    error_location: Location | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "line": self.test.location.line,
            "name": self.test.name,
            "passed": self.passed,
            "error": self.error,
            # where the error is (a step's line, an earlier complaint's); null without one
            "error_line": (
                None if self.error is None else (self.error_location or self.test.location).line
            ),
            "failures": [
                {
                    "at": c.label,
                    "line": c.location.line,
                    "mismatches": [m.to_json() for m in c.mismatches],
                }
                for c in self.failures
            ],
        }


def observe(desk: Desk, case: Case, test: PolicyTest, wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The case as a policy author reads it: the values ``expect`` can name."""
    actual: dict[str, Any] = {
        "category": case.category,
        "severity": case.severity,
        "priority": case.priority,
        "tags": list(case.tags),
        "team": case.team,
        "owner": case.owner,
        "status": case.status.value,
        "escalation_level": case.escalation_level,
        "deadlines": {
            name: None if state.due_at is None else state.due_at.isoformat()
            for name, state in case.clocks.metrics.items()
        },
        "metrics": sorted(desk.sla.policy.metrics) if desk.sla is not None else [],
        "counting": {
            name: Counting(desk.sla.calendar(state.calendar), Rules(end=state.end, roll=state.roll))
            for name, state in case.clocks.metrics.items()
            if desk.sla is not None
        },
        "escalations": [
            f"{e.data.get('ladder')}/{e.data.get('level')}"
            for e in desk.history(case.id)
            if e.kind == "escalated"
        ],
        "reasons": [
            reason
            for e in desk.history(case.id)
            if e.kind == "classified"
            for reason in e.data.get("reasons", [])
        ],
    }
    if "compensation" in wanted:
        # expecting needs, a remedy awaiting a fact is part of the decision, not an error
        partial = "needs" in wanted["compensation"]
        decision = desk.decide_compensation(case.id, dict(test.facts), partial=partial)
        actual["compensation"] = decision.to_json()
    return actual


def _sweep(desk: Desk, now: datetime) -> None:
    desk.tick(now)


Action = Callable[[Desk, str, Any, str, Mapping[str, Any]], Case]

#: What each step action does on the Desk: (desk, case id, value, actor, facts) → case.
ACTIONS: dict[str, Action] = {
    "respond": lambda d, c, v, a, f: d.respond(c, str(v), actor=a),
    "update": lambda d, c, v, a, f: d.update(c, str(v), actor=a),
    "note": lambda d, c, v, a, f: d.note(c, str(v), actor=a),
    "transition": lambda d, c, v, a, f: d.transition(c, str(v), actor=a),
    "resolve": lambda d, c, v, a, f: d.resolve(c, str(v), actor=a),
    "close": lambda d, c, v, a, f: d.close(c, actor=a, reason=v if isinstance(v, str) else ""),
    "reopen": lambda d, c, v, a, f: d.reopen(c, actor=a, reason=str(v)),
    "follow_up": lambda d, c, v, a, f: d.follow_up(c, int(v), actor=a),
    "follow_up_refused": lambda d, c, v, a, f: d.follow_up_refused(
        c, v if isinstance(v, str) else "", actor=a
    ),
    "root_cause": lambda d, c, v, a, f: d.record_root_cause(c, _root_cause(v), actor=a),
    "assign": lambda d, c, v, a, f: d.assign(c, str(v), actor=a),
    "record": lambda d, c, v, a, f: d.record_event(c, str(v), actor=a),
    "propose_compensation": lambda d, c, v, a, f: d.propose_compensation(c, dict(f), actor=a),
    "tick": lambda d, c, v, a, f: d.get(c),  # time already moved and the sweep ran
}


def _root_cause(value: Any) -> RootCause:
    if not isinstance(value, Mapping):
        raise InvalidInput("root_cause", "write {fishbone, whys, nature, improvements}")
    return RootCause(
        str(value.get("fishbone")),
        [str(w) for w in value.get("whys", [])],
        str(value.get("nature")),
        str(value.get("impact", "")),
        [str(i) for i in value.get("improvements", [])],
    )


def _act(desk: Desk, case: Case, step: Step, facts: Mapping[str, Any]) -> tuple[Case, list[str]]:
    """The case after the step, and the steps a gate refused it for (``expect: refused``)."""
    if step.action is None:
        return desk.get(case.id), []
    try:
        return ACTIONS[step.action](desk, case.id, step.value, step.actor, facts), []
    except StepsMissing as exc:
        if step.expect is None or "refused" not in step.expect:
            raise
        return desk.get(case.id), sorted(missing for _, missing, _ in exc.missing)


def _earlier(test: PolicyTest) -> list[Complaint]:
    """Earlier complaints by the same customer, a day apart, unless they say when."""
    out = []
    for n, data in enumerate(test.earlier):
        when = test.received_at - timedelta(days=len(test.earlier) - n)
        out.append(as_complaint({"received_at": when.isoformat(), **data}, f"earlier-{n + 1}"))
    return sorted(out, key=lambda c: c.received_at)


def run_test(policy: Policy, test_file: Path, test: PolicyTest, plugins: Plugins) -> TestResult:
    """Run one test on a fresh Desk; failures hold every mismatch, not just the first."""
    try:
        earlier = _earlier(test)
    except ComplaintkitError as exc:  # this test's, not the run's: the others still run
        where = test.earlier_location or test.location
        return TestResult(test_file, test, (), f"earlier: {said(exc)}", where)
    start = earlier[0].received_at if earlier else test.received_at
    clock = ManualClock(start)
    desk = Desk(policy, storage="memory:", clock=clock, plugins=plugins, provisional=True)
    failures: list[Checkpoint] = []
    where, doing, case_id = test.location, "", ""
    try:
        for complaint in earlier:
            clock.set(max(clock.now(), complaint.received_at))
            desk.intake(complaint)
        clock.set(max(clock.now(), test.received_at))
        _sweep(desk, clock.now())
        case = desk.intake(as_complaint(with_facts(test.complaint, test.facts), "test"))
        case_id = case.id
        for n, step in enumerate(test.steps, start=1):
            where = step.location
            doing = f"step {n} ({_describe(step, test.received_at, step.at or clock.now())}): "
            if step.at is not None:
                if step.at < clock.now():
                    raise ValueError(  # an earlier complaint received later moved the clock on
                        f"it is before the test's clock ({clock.now().isoformat()})"
                    )
                clock.set(step.at)
                _sweep(desk, step.at)
            case, refused = _act(desk, desk.get(case.id), step, test.facts)
            if step.expect:
                seen = {**observe(desk, case, test, step.expect), "refused": refused}
                wanted = dict(step.expect)
                if "refused" in wanted:
                    wanted["refused"] = sorted(wanted["refused"] or [])
                found = compare(wanted, seen, test.received_at)
                if found:
                    label = f"step {n} ({_describe(step, test.received_at, clock.now())})"
                    failures.append(Checkpoint(label, step.location, tuple(found)))
        if test.expect:
            # an error comparing the end is the test's, not its last step's
            where, doing = test.location, ""
            final = compare(
                test.expect, observe(desk, desk.get(case.id), test, test.expect), test.received_at
            )
            if final:
                label = "at the end" if test.steps else "at intake"
                failures.append(Checkpoint(label, test.location, tuple(final)))
    except (ComplaintkitError, ValueError, LookupError) as exc:
        error = doing + _unnamed(said(exc), case_id)
        return TestResult(test_file, test, tuple(failures), error, where)
    finally:
        desk.storage.close()
    return TestResult(test_file, test, tuple(failures))


def said(exc: Exception) -> str:
    """What went wrong, in the author's words: no Python class name before it, and a
    missing key by its name rather than its repr."""
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        return f"no {as_written(exc.args[0])}"
    return str(exc)


def _unnamed(text: str, case_id: str) -> str:
    """``text`` speaking of "the case", not of its id: the id differs every run and is
    nowhere in the test file."""
    if not case_id:
        return text
    return (
        text.replace(f"case {case_id}: ", "")
        .replace(f"case {case_id}", "the case")
        .replace(case_id, "the case")
    )


def _describe(step: Step, received: datetime, now: datetime) -> str:
    hours = (now - received) / timedelta(hours=1)
    when = f"{hours:g}h after intake"
    return f"{step.action}, {when}" if step.action else when


@attrs.define
class Runner:
    """Runs test files, loading each policy once."""

    plugins: Plugins = attrs.field(factory=Plugins)
    _policies: dict[Path, Policy] = attrs.field(factory=dict)

    def policy(self, path: Path) -> Policy:
        key = path.resolve()
        if key not in self._policies:
            self._policies[key] = load_policy(path, self.plugins)
        return self._policies[key]

    def home_zone(self, path: Path) -> tzinfo | None:
        """The zone of the policy at ``path`` (its default calendar's), on whose wall clock a
        step's days are counted; None without a calendar of its own (the built-in 24x7
        keeps UTC, which no author wrote: steps then keep the complaint's own offset), or
        when the policy is refused."""
        try:
            sla = self.policy(path).sla
        except PolicyError:
            return None
        zones = declared_zones(sla)  # as letters and the status page show a case's times
        return None if zones is None else zones.home

    def load_file(self, path: Path) -> TestFile:
        """Read a test file and check what only its policy tells: amounts written without
        a currency are in the policy's, and the ids expected must be ones it declares.
        Raises ``PolicyError`` listing every problem."""
        test_file = load_test_file(path, self.home_zone)
        problems = complaint_problems(test_file)
        try:
            policy = self.policy(test_file.policy)
        except PolicyError:
            return test_file  # each test run reports what is wrong with the policy
        if policy.compensation is not None:
            problems += currency_problems(test_file, policy.compensation.currency)
        if policy.catalog is not None:
            catalog = policy.catalog
            problems += expectation_problems(test_file, lambda e: undeclared_ids(e, catalog))
        if policy.compensation is not None:
            rows = [row.id for row in policy.compensation.table.rows]
            problems += expectation_problems(test_file, lambda e: unknown_rows(e, rows))
        ladders = policy.sla.ladders if policy.sla is not None else ()
        levels = [(ladder.name, level.name) for ladder in ladders for level in ladder.levels]
        problems += expectation_problems(test_file, lambda e: unknown_levels(e, levels))
        if not plugin_reads_facts(policy.data, self.plugins):
            problems += unused_facts(test_file, facts_read(policy.data))
        if problems:
            raise PolicyError(
                sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0))
            )
        return test_file

    def run_file(self, path: Path) -> list[TestResult]:
        test_file = self.load_file(path)
        return [self.run(test_file, test) for test in test_file.tests]

    def run(self, test_file: TestFile, test: PolicyTest) -> TestResult:
        return run_test(self.policy(test_file.policy), test_file.path, test, self.plugins)

    def run_files(self, paths: Iterable[Path]) -> list[TestResult]:
        return [result for path in paths for result in self.run_file(path)]
