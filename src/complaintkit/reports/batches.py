"""Batch incidents in a report: stored cases replayed through the live watcher's detector.

A batch is the recall trigger of the domain (召回): at least ``min_cases`` cases whose
complaint names the same key value within ``window_hours``; it lasts until the value goes
quiet. Because the report and ``IncidentWatcher`` share ``IncidentDetector``, the incidents a
report lists are the ones intake raised, with the same ids.
"""

from __future__ import annotations

from complaintkit.incidents import Incident, WindowRule, replay
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource


def detect_batches(source: ReportSource, rule: WindowRule, scope: Scope) -> list[Incident]:
    """Every incident of ``rule`` holding a case in scope, oldest first, as intake raised it.

    Intake counts every complaint from the first, so the replay does too, up to
    ``scope.until`` whatever the scope's start and filters: replaying only the scope's cases
    would cut an incident open at ``since`` (or split by a filter) into one intake never
    raised, under another id. Memory: one window per key value, the case ids of the
    incidents found, and the ids of the scope's cases when the scope filters.
    """
    found = replay(rule, source.arrivals(rule.key, Scope(until=scope.until)))
    if scope.filters():
        in_scope = {arrival[2] for arrival in source.arrivals(rule.key, scope)}
        return [incident for incident in found if not in_scope.isdisjoint(incident.case_ids)]
    return [i for i in found if scope.since is None or i.last_at >= scope.since]
