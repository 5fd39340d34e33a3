"""The batch watcher: flag a batch (召回 trigger) the moment its ``min_cases``-th case opens.

A default plugin (listed in ``DEFAULT_PLUGINS``): its ``case_event`` reads the policy's
``incidents.batches`` rules and records an ``incident_detected`` event on the case that
completes a batch, so notifiers and plugins hear of it through the ordinary hook. It fires
once per batch, when the count reaches the threshold, not for every later case of it.
:class:`BatchWatcher` does the same for rules given in code rather than in the policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from complaintkit.desk.context import PluginContext
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.reports.batches import Batch, BatchRule
from complaintkit.reports.open import open_source
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import batch_attribute


def completed_batch(context: PluginContext, rule: BatchRule, case: Case) -> Batch | None:
    """The batch ``case`` completes under ``rule``, if its opening made the count."""
    attribute = batch_attribute(rule.key)
    raw = case.complaint.product if attribute is None else case.complaint.attributes.get(attribute)
    if raw is None:
        return None
    scope = Scope(
        since=case.opened_at - rule.window,
        until=case.opened_at + timedelta(seconds=1),
        product=str(raw) if attribute is None else None,
    )
    recent = [
        (opened, case_id)
        for value, opened, case_id in open_source(context.storage).arrivals(rule.key, scope)
        if value == str(raw)
    ]
    if len(recent) != rule.min_cases:
        return None
    return Batch(
        rule.key,
        str(raw),
        len(recent),
        recent[0][0],
        recent[-1][0],
        tuple(i for _, i in recent),
        rule.min_cases,
        rule.window_hours,
    )


def watch(context: PluginContext, rules: Sequence[BatchRule], event: CaseEvent, case: Case) -> None:
    if event.kind != "opened" or event.data.get("imported"):  # history's batches are long over
        return
    for rule in rules:
        batch = completed_batch(context, rule, case)
        if batch is not None:
            context.desk.flag_incident(case.id, batch.to_json())


@hookimpl(tryfirst=True)  # before third-party plugins: one failing must not hide a recall
def case_event(event: CaseEvent, case: Case, context: PluginContext) -> None:
    incidents = context.policy.incidents
    if incidents is not None:
        watch(context, incidents.batches, event, case)


class BatchWatcher:
    """Watch for batches under ``rules`` given in code: ``pm.register(BatchWatcher(rules))``."""

    def __init__(self, rules: Sequence[BatchRule]) -> None:
        self.rules = tuple(rules)

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: PluginContext) -> None:
        watch(context, self.rules, event, case)
