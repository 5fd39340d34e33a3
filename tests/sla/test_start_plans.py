"""A start plan is reused only for the very target it was made for: a migration re-bases
clocks on targets made afresh (``attrs.evolve``), whose parts may differ."""

from __future__ import annotations

import attrs
from sla_helpers import LIVED

from complaintkit.sla.engine import SlaEngine
from complaintkit.sla.metrics import WarningPoint
from complaintkit.sla.policy import compile_sections
from complaintkit.sla.starts import Plans


def engine() -> SlaEngine:
    policy = compile_sections(LIVED)
    assert policy is not None
    return SlaEngine(policy, "1")


def test_a_target_s_plan_is_made_once_and_matches_what_it_says() -> None:
    sla = engine()
    target = sla.policy.targets[0].targets["resolution"]
    plans = Plans(sla.policy, sla.calendar, sla._meter)
    plan = plans.plan("resolution", target, "office")
    assert plans.plan("resolution", target, "office") is plan
    assert plan.calendar is sla.calendar("office")
    assert plan.warnings == sla.policy.warnings_for("resolution", target)
    assert [(e.upon, e.mode, e.within) for e in plan.extensions] == [
        (e.upon, e.mode, e.within) for e in target.extensions
    ]
    assert plan.pause_in == tuple(sorted(target.pause_in or (), key=lambda s: s.value))


def test_another_target_gets_its_own_plan_even_when_equal_in_part() -> None:
    sla = engine()
    target = sla.policy.targets[0].targets["resolution"]
    plans = Plans(sla.policy, sla.calendar, sla._meter)
    plans.plan("resolution", target, "office")
    other = attrs.evolve(target, warnings=(WarningPoint("half", 0.5), WarningPoint("late", 0.9)))
    assert [w.label for w in plans.plan("resolution", other, "office").warnings] == [
        "half",
        "late",
    ]
    assert plans.plan("first_response", target, "office").warnings == sla.policy.warnings_for(
        "first_response", target
    )


def test_the_plans_kept_are_bounded() -> None:
    sla = engine()
    target = sla.policy.targets[0].targets["resolution"]
    plans = Plans(sla.policy, sla.calendar, sla._meter, size=2)
    for n in range(5):
        plans.plan("resolution", attrs.evolve(target, row=n), "office")
    assert len(plans._known) <= 2
