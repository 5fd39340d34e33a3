"""Live incident detection: count cases as they are opened, raise each incident once.

The watcher holds one ``IncidentDetector`` per rule in memory. Before the first cases it
sees, it replays the stored history through the same detectors without raising anything,
so a new process (each ``complaintkit intake`` run) continues incidents an earlier one
raised instead of raising them again. It knows nothing of the Desk: it is given a way to read
stored arrivals, and answers which new case opens which incident, so the Desk can record the
alert in the same transaction that stores the case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from complaintkit.incidents.detector import IncidentDetector
from complaintkit.incidents.incident import Incident
from complaintkit.incidents.rule import WindowRule, key_attribute
from complaintkit.model.case import Case

#: Stored ``(value, opened at, case id)`` for a rule key, in time order per value.
History = Callable[[str], Iterable[tuple[str, datetime, str]]]


def key_value(case: Case, key: str) -> str | None:
    """The value of a rule key on a case's first complaint, or None when it is unset."""
    attribute = key_attribute(key)
    complaint = case.complaint
    raw = complaint.product if attribute is None else complaint.attributes.get(attribute)
    return None if raw is None else str(raw)


class IncidentWatcher:
    def __init__(self, rules: Sequence[WindowRule], history: History) -> None:
        self.detectors = [IncidentDetector(rule, record=False) for rule in rules]
        self._history = history
        self._warm = False
        self._since_sweep = 0

    def watch(self, cases: Sequence[Case]) -> list[tuple[Case, Incident]]:
        """Count new ``cases`` in order; each incident one of them opens, with that case."""
        if not cases:
            return []
        if not self._warm:
            self._warm_up({case.id for case in cases}, min(c.opened_at for c in cases))
        opened: list[tuple[Case, Incident]] = []
        for case in cases:
            for detector in self.detectors:
                value = key_value(case, detector.rule.key)
                if value is None:
                    continue
                incident = detector.observe(value, case.opened_at, case.id)
                if incident is not None:
                    opened.append((case, incident))
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

    def _warm_up(self, exclude: set[str], now: datetime) -> None:
        """Replay stored cases (except those being watched now) without raising."""
        self._warm = True
        for detector in self.detectors:
            for value, at, case_id in self._history(detector.rule.key):
                if case_id not in exclude:
                    detector.observe(value, at, case_id)
            detector.forget_idle(now)
