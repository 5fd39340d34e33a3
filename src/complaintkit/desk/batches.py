"""The batch watcher: raise a batch incident (召回 trigger) once, when it opens.

A default plugin (listed in ``DEFAULT_PLUGINS``): its ``case_event`` feeds every opened case
to an :class:`~complaintkit.incidents.IncidentWatcher` for the policy's ``incidents.batches``
rules and records an ``incident_detected`` event on the case whose arrival opened an incident,
so notifiers and plugins hear of it through the ordinary hook. Counting is in memory, O(1) per
case, so a batch taken in by ``intake_many`` counts exactly as the same cases one at a time.
Before its own cases, a watcher counts the cases other processes on the store opened since it
last looked (``StoredOpenings``), so an incident their cases and its own make is raised live.
:class:`BatchWatcher` does the same for rules given in code rather than in the policy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from complaintkit.desk.context import PluginContext
from complaintkit.desk.openings import StoredOpenings
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.incidents import INCIDENT_CHANNEL, Incident, IncidentWatcher, WindowRule
from complaintkit.incidents.key import fold_key
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.instants import isoformat
from complaintkit.notify.policy import NotificationPolicy
from complaintkit.notify.reader_language import reader_language
from complaintkit.reports.open import open_source
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource

if TYPE_CHECKING:
    from complaintkit.desk.desk import Desk

log = logging.getLogger(__name__)

#: The customer of every incident's own case.
INCIDENTS_CUSTOMER = "internal:incidents"


class Watchers:
    """One ``IncidentWatcher`` per Desk (its state is that Desk's recent intake)."""

    def __init__(self) -> None:
        self._by_desk: WeakKeyDictionary[Desk, tuple[IncidentWatcher, ReportSource]] = (
            WeakKeyDictionary()
        )

    def watch(self, context: PluginContext, rules: Sequence[WindowRule], case: Case) -> None:
        watching = self._by_desk.get(context.desk)
        if watching is None:
            source, openings = open_source(context.storage), StoredOpenings(context.storage)
            watcher = IncidentWatcher(rules, lambda key: source.arrivals(key, Scope()), openings)
            watching = self._by_desk[context.desk] = (watcher, source)
        watcher, source = watching
        for incident in watcher.watch([case]):
            _raise_once(context, incident, case, source)


def _raise_once(
    context: PluginContext, incident: Incident, case: Case, source: ReportSource
) -> None:
    """Record ``incident`` and open its case unless it is recorded already, in one
    transaction holding the incidents' customer: two processes completing one incident at
    once each found it unrecorded before either recorded it, and raised it twice."""
    storage = context.storage
    with storage.transaction():
        storage.hold_customer(INCIDENTS_CUSTOMER)
        if _raised(context, incident, source):
            return
        opened_by = incident.opened_by  # perhaps another process's case
        _record(context, incident)
        if incident.rule.opens_case:
            by = case if opened_by == case.id else storage.get(opened_by)
            notices = context.policy.notifications
            context.desk.intake(incident_complaint(incident, by, notices))


def incident_complaint(
    incident: Incident, opened_by: Case, policy: NotificationPolicy | None
) -> dict[str, Any]:
    """The internal complaint an incident opens as a case: received when the case that
    opened the incident was, idempotent on the incident's id, its cases listed, in the
    language that case's notices read in under ``policy`` (its own text is the library's
    English, and the notices its rules send the owner and manager would read in English
    under a Chinese policy)."""
    complaint = opened_by.complaint
    return {
        "channel": INCIDENT_CHANNEL,
        "external_id": incident.id,
        "received_at": isoformat(complaint.received_at),
        "language": reader_language(policy, complaint),
        "customer": {"id": INCIDENTS_CUSTOMER},
        "subject": f"batch incident: {incident.key} {incident.value}",
        "text": f"{_reason(incident)}: {', '.join(incident.case_ids)}",
        "attributes": {
            "incident_id": incident.id,
            "incident_key": incident.key,
            "incident_value": incident.value,
            "incident_cases": incident.count,
        },
    }


def _raised(context: PluginContext, incident: Incident, source: ReportSource) -> bool:
    """Whether one of its cases already records this incident (an earlier run, or another
    process, raised it: each flags the case that opened it). Incidents of one rule never
    share cases, so one of its rule recorded on any of them is this one, though under
    another id: a process whose clock runs behind counts cases in another order.
    A new incident is checked on the few cases that opened it; one the stored history left
    open (a new process) on each of its cases, once. Then on the cases about its value it
    did not count: another process committed them after this one counted, and may have
    recorded the incident on one of them."""
    rule = incident.rule.to_json()
    return any(
        e.kind == "incident_detected"
        and (e.data.get("id") == incident.id or e.data.get("rule") == rule)
        for case_id in (*reversed(incident.case_ids), *_uncounted(incident, source))
        for e in context.storage.events(case_id)
    )


def _uncounted(incident: Incident, source: ReportSource) -> Iterator[str]:
    """The stored cases about ``incident``'s value it does not hold, opened since one quiet
    period before it began: a process whose clock runs behind stamps its cases earlier, and
    an earlier incident about the value had ended by then (its cases were quiet so long)."""
    counted, value = set(incident.case_ids), fold_key(incident.value)
    since = Scope(since=incident.first_at - incident.rule.quiet)
    for other, _, case_id, _ in source.arrivals(incident.key, since):
        if case_id not in counted and fold_key(other) == value:
            yield case_id


def _record(context: PluginContext, incident: Incident) -> None:
    """Flag the case that completed the count; when another process changed that one after
    this Desk's now (its clock runs behind), the newest of the incident's cases it may flag,
    as a case's history never runs backwards: the incident is recorded by whoever sees it."""
    opened_by = incident.opened_by
    for case_id in (opened_by, *(c for c in reversed(incident.case_ids) if c != opened_by)):
        try:
            context.desk.flag_incident(case_id, incident.to_json(), reason=_reason(incident))
        except InvalidInput as refused:
            if refused.field != "now":
                raise
        else:
            return
    log.warning(
        "incident %s not recorded: every one of its cases changed after this Desk's now, "
        "check its clock",
        incident.id,
    )


def _reason(incident: Incident) -> str:
    return (
        f"complaints from {incident.rule.min_cases} customers about {incident.key} "
        f"{incident.value} within {incident.rule.window_hours:g} hours"
    )


def _watched(event: CaseEvent, case: Case) -> bool:
    """A complaint's case opened here: an imported opening is history, its batches long
    over, and an incident's own case is no complaint about the product."""
    return (
        event.kind == "opened"
        and not event.data.get("imported")
        and case.complaint.channel != INCIDENT_CHANNEL
    )


_POLICY = Watchers()


@hookimpl(tryfirst=True)  # before third-party plugins: one failing must not hide a recall
def case_event(event: CaseEvent, case: Case, context: PluginContext) -> None:
    incidents = context.policy.incidents
    if _watched(event, case) and incidents is not None and incidents.batches:
        _POLICY.watch(context, incidents.batches, case)


class BatchWatcher:
    """Watch for batches under ``rules`` given in code: ``pm.register(BatchWatcher(rules))``."""

    def __init__(self, rules: Sequence[WindowRule]) -> None:
        self.rules = tuple(rules)
        self._watchers = Watchers()

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: PluginContext) -> None:
        if _watched(event, case):
            self._watchers.watch(context, self.rules, case)
