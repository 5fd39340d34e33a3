"""The sliding-window count per key value, shared by the live watcher and reports.

Per key value the detector holds the cases of the last window (a deque) and the incident
that is open, if any, so each case costs O(1) amortised: one append, and pops of cases that
left the window. The rules, for one value, with cases taken in time order:

* a case arriving more than ``quiet`` after the open incident's last case closes it first,
  and the cases still in the window go with it (incidents never share cases);
* while an incident is open, every case joins it (it grows);
* otherwise, when the window holds ``min_cases`` cases, they open an incident — raised once.

Instants are counted in UTC, so a window is as many real hours across a change of the
clocks as on any other day. A case older than the newest case already seen for its value (a late arrival) counts as if it
arrived with that newest case, so live detection never rewrites the past; a report replays
stored cases in time order and so places it exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import UTC, datetime

from complaintkit.incidents.incident import Incident, incident_id
from complaintkit.incidents.rule import WindowRule


class _Open:
    """An incident while it lasts; ``ids`` is kept only when the detector records cases."""

    __slots__ = ("first_at", "id", "ids", "last_at", "opened_at")

    def __init__(self, id: str, first_at: datetime, opened_at: datetime, ids: list[str]) -> None:
        self.id = id
        self.first_at = first_at
        self.opened_at = opened_at
        self.last_at = opened_at
        self.ids = ids


class _Value:
    __slots__ = ("incident", "newest", "window")

    def __init__(self, at: datetime) -> None:
        self.window: deque[tuple[datetime, str]] = deque()
        self.newest = at
        self.incident: _Open | None = None


class IncidentDetector:
    """Incidents of one rule. ``record=False`` (the live watcher) keeps counts, not case ids,
    once an incident is open, and forgets closed incidents."""

    def __init__(self, rule: WindowRule, *, record: bool = True) -> None:
        self.rule = rule
        self.record = record
        self._values: dict[str, _Value] = {}
        self._closed: list[Incident] = []

    def __len__(self) -> int:
        """How many key values the detector holds state for."""
        return len(self._values)

    def observe(self, value: str, at: datetime, case_id: str) -> Incident | None:
        """Count one case; return the incident it opens (exactly once per incident)."""
        # in UTC: two instants of one zone subtract and compare on its wall clock, which
        # gains or loses an hour across a change of the clocks
        at = at.astimezone(UTC)
        state = self._values.get(value)
        if state is None:
            state = self._values[value] = _Value(at)
        at = max(at, state.newest)
        state.newest = at
        open_ = state.incident
        if open_ is not None and at - open_.last_at > self.rule.quiet:
            self._close(value, state, open_)
            open_ = None
        if open_ is not None:
            open_.last_at = at
            if self.record:
                open_.ids.append(case_id)
            return None
        window = state.window
        window.append((at, case_id))
        edge = at - self.rule.window
        while window[0][0] < edge:
            window.popleft()
        if len(window) < self.rule.min_cases:
            return None
        first_at = window[0][0]
        ids = [case_id for _, case_id in window]
        window.clear()
        opened = _Open(incident_id(self.rule.key, value, first_at), first_at, at, ids)
        state.incident = opened
        snapshot = self._snapshot(value, opened)
        if not self.record:
            opened.ids = []
        return snapshot

    def _snapshot(self, value: str, open_: _Open) -> Incident:
        return Incident(
            open_.id, self.rule, value, open_.first_at, open_.opened_at, open_.last_at,
            tuple(open_.ids),
        )  # fmt: skip

    def _close(self, value: str, state: _Value, open_: _Open) -> None:
        state.incident = None
        state.window.clear()
        if self.record:
            self._closed.append(self._snapshot(value, open_))

    def forget_idle(self, now: datetime) -> None:
        """Drop values with nothing in the window and no incident that could still grow."""
        horizon = max(self.rule.window, self.rule.quiet)
        idle = [value for value, state in self._values.items() if now - state.newest > horizon]
        for value in idle:
            state = self._values.pop(value)
            if state.incident is not None and self.record:
                self._closed.append(self._snapshot(value, state.incident))

    def still_open(self) -> list[Incident]:
        """Incidents that can still grow (with the case ids recorded so far)."""
        return [
            self._snapshot(value, state.incident)
            for value, state in self._values.items()
            if state.incident is not None
        ]

    def stop_recording(self) -> None:
        """From now on keep counts only: drop recorded case ids and closed incidents."""
        self.record = False
        self._closed.clear()
        for state in self._values.values():
            if state.incident is not None:
                state.incident.ids = []

    def incidents(self) -> list[Incident]:
        """Every incident seen, closed or still open, by first case then value."""
        still_open = [
            self._snapshot(value, state.incident)
            for value, state in self._values.items()
            if state.incident is not None
        ]
        return sorted([*self._closed, *still_open], key=lambda i: (i.first_at, i.value))


def replay(rule: WindowRule, arrivals: Iterable[tuple[str, datetime, str]]) -> list[Incident]:
    """The incidents in stored arrivals ``(value, at, case id)``, given in time order per value."""
    detector = IncidentDetector(rule)
    for value, at, case_id in arrivals:
        detector.observe(value, at, case_id)
    return detector.incidents()
