"""Incidents: many complaints about one product, batch or SKU in a short window (召回).

One sliding-window detector serves both the live watcher (as cases are opened) and reports
(replaying stored cases), so an alert raised at intake is the incident a report lists.
"""

from __future__ import annotations

from complaintkit.incidents.detector import IncidentDetector, replay
from complaintkit.incidents.incident import INCIDENT_CHANNEL, Incident, incident_id
from complaintkit.incidents.rule import WindowRule, key_attribute
from complaintkit.incidents.watcher import IncidentWatcher, attribute_text, key_value

__all__ = [
    "INCIDENT_CHANNEL",
    "Incident",
    "IncidentDetector",
    "IncidentWatcher",
    "WindowRule",
    "attribute_text",
    "incident_id",
    "key_attribute",
    "key_value",
    "replay",
]
