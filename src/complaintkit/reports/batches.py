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
    """Every incident of ``rule`` among the cases in scope, oldest first.

    Memory: one window per key value, plus the case ids of the incidents found.
    """
    return replay(rule, source.arrivals(rule.key, scope))
