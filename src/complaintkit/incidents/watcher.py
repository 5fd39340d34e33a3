"""Live incident detection: count cases as they are opened, raise each incident once.

The watcher holds one ``IncidentDetector`` per rule in memory and is fed the cases as they
are opened, in order, whatever the batch size. Before the first case it sees, it replays the
stored history through the same detectors, so a new process (each ``complaintkit intake``
run) continues the incidents an earlier one raised. Cases the replay already counted (the
rest of the batch being announced) are not counted twice. It knows nothing of the Desk: it is
given a way to read stored arrivals and answers which case opens which incident.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from complaintkit.incidents.detector import IncidentDetector
from complaintkit.incidents.incident import Incident
from complaintkit.incidents.rule import WindowRule, key_attribute
from complaintkit.model.case import Case

#: Stored ``(value, opened at, case id)`` for a rule key, in time order (per folded value).
History = Callable[[str], Iterable[tuple[str, datetime, str]]]


def attribute_text(raw: object) -> str:
    """A complaint attribute as a key value: text as it is, anything else as compact JSON
    with sorted keys (``true``, ``1.5``, ``{"a":1}``), which every backend can produce from
    the stored JSON, so a value keys the same incident and group everywhere."""
    if isinstance(raw, str):
        return raw
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def key_value(case: Case, key: str) -> str | None:
    """The value of a rule key on a case's first complaint, or None when it is unset."""
    attribute = key_attribute(key)
    complaint = case.complaint
    raw = complaint.product if attribute is None else complaint.attributes.get(attribute)
    return None if raw is None else attribute_text(raw)


class IncidentWatcher:
    def __init__(self, rules: Sequence[WindowRule], history: History) -> None:
        self.detectors = [IncidentDetector(rule) for rule in rules]
        self._history = history
        self._warm = False
        self._replayed: set[str] = set()
        self._since_sweep = 0

    def watch(self, cases: Sequence[Case]) -> list[Incident]:
        """Count newly opened ``cases`` in order; each incident that opens (its last case id
        opened it). The first call also returns the incidents the stored history leaves
        open, with the case ids they hold: the caller raises those not raised yet."""
        if not cases:
            return []
        opened = [] if self._warm else self._warm_up(cases[0].opened_at)
        for case in cases:
            if case.id in self._replayed:
                self._replayed.discard(case.id)
                continue
            for detector in self.detectors:
                value = key_value(case, detector.rule.key)
                if value is None:
                    continue
                incident = detector.observe(value, case.opened_at, case.id)
                if incident is not None:
                    opened.append(incident)
        self._sweep(len(cases), cases[-1].opened_at)
        return opened

    def _sweep(self, seen: int, now: datetime) -> None:
        """Forget idle values once as many cases as values were seen: memory stays bounded by
        the values active in the last window, at O(1) amortised cost per case."""
        self._since_sweep += seen
        if self._since_sweep > max((len(d) for d in self.detectors), default=0):
            self._since_sweep = 0
            for detector in self.detectors:
                detector.forget_idle(now)

    def _warm_up(self, now: datetime) -> list[Incident]:
        """Replay every stored case; remember those opened from ``now`` on (the batch being
        announced) so they are not counted again when their turn comes."""
        self._warm = True
        still_open: list[Incident] = []
        for detector in self.detectors:
            for value, at, case_id in self._history(detector.rule.key):
                detector.observe(value, at, case_id)
                if at >= now:
                    self._replayed.add(case_id)
            detector.forget_idle(now)
            still_open += detector.still_open()
            detector.stop_recording()
        return still_open
