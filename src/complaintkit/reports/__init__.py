"""Reports and analytics: metrics, trends, spikes and batch (recall) detection, charts."""

from __future__ import annotations

from complaintkit.incidents import Incident, IncidentWatcher, WindowRule
from complaintkit.reports.batches import detect_batches
from complaintkit.reports.metrics import Report, build_report
from complaintkit.reports.open import open_source
from complaintkit.reports.policy import IncidentPolicy, compile_incidents
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import ReportSource
from complaintkit.reports.trends import Spike, SpikeRule, detect_spikes

__all__ = [
    "Incident",
    "IncidentPolicy",
    "IncidentWatcher",
    "Report",
    "ReportSource",
    "Scope",
    "Spike",
    "SpikeRule",
    "WindowRule",
    "build_report",
    "compile_incidents",
    "detect_batches",
    "detect_spikes",
    "open_source",
]
