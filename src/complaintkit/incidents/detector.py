"""The sliding-window count per key value, shared by the live watcher and reports.

Values are counted under their folded key (:func:`~complaintkit.incidents.key.fold_key`):
``MILK-1`` typed full-width, ``milk-1`` and `` MILK-1`` are one product. An incident shows
the spelling most of its cases have (ties: the one seen first); its id names the spelling
of its first case (the least, if several came at that instant), so an incident about a
product always typed one way keeps the id it had before values were folded. Its first case
is the one of the cases that opened it opened first, whatever order they were counted in:
a process whose clock runs behind commits cases stamped before others already counted, and
each process, and a report, must name the incident alike.

Per key the detector holds the cases of the last window (a deque) and the incident that is
open, if any, so each case costs O(1) amortised: one append, and pops of cases that left
the window. The rules, for one key, with cases taken in time order:

* a case arriving more than ``quiet`` after the open incident's last case closes it first,
  and the cases still in the window go with it (incidents never share cases);
* while an incident is open, every case joins it (it grows);
* otherwise, when the window holds cases from ``min_cases`` different customers, they open
  an incident — raised once. One customer complaining five times is one complainant (the
  SOPs weigh a batch defect by how many customers it touched); a case whose customer is
  not known counts as a customer of its own.

Instants are counted in UTC, so a window is as many real hours across a change of the
clocks as on any other day. A case older than the newest case already seen for its key (a
late arrival) counts as if it arrived with that newest case, so live detection never
rewrites the past; a report replays stored cases in time order and so places it exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from complaintkit.incidents.incident import Incident, incident_id
from complaintkit.incidents.key import fold_key
from complaintkit.incidents.rule import WindowRule

#: Who complained, as the window counts them: a customer id, or a case with none known.
_Who = tuple[bool, str]


class _Seen(NamedTuple):
    """A case in a key's window: ``at`` counts it (never before the newest already seen),
    ``opened`` is when it was opened, ``who`` who complained."""

    at: datetime
    case_id: str
    opened: datetime
    value: str
    who: _Who


#: A stored case as incidents count it: ``(value, opened at, case id, customer id)``; the
#: customer may be left out (each case then counts as a complainant of its own).
Arrival = tuple[str, datetime, str, str | None] | tuple[str, datetime, str]


class _Open:
    """An incident while it lasts; ``ids`` and ``spellings`` (cases per value as written,
    in the order first seen) are kept only when the detector records cases."""

    __slots__ = ("first_at", "id", "ids", "last_at", "opened_at", "opened_by", "spellings")

    def __init__(self, window: deque[_Seen], rule: WindowRule, opened_at: datetime) -> None:
        self.opened_by = window[-1].case_id
        self.first_at = min(seen.opened for seen in window)
        first = min(seen.value for seen in window if seen.opened == self.first_at)
        self.id = incident_id(rule, first, self.first_at)
        self.opened_at = self.last_at = opened_at
        self.ids = [seen.case_id for seen in window]
        self.spellings: dict[str, int] = {}
        for seen in window:
            self.spellings[seen.value] = self.spellings.get(seen.value, 0) + 1

    @property
    def value(self) -> str:
        """The spelling most cases have; ``max`` keeps the first seen of a tie."""
        return max(self.spellings, key=self.spellings.__getitem__)


class _Key:
    __slots__ = ("customers", "incident", "newest", "window")

    def __init__(self, at: datetime) -> None:
        self.window: deque[_Seen] = deque()
        #: how many of the window's cases each complainant has
        self.customers: dict[_Who, int] = {}
        self.newest = at
        self.incident: _Open | None = None

    def clear(self) -> None:
        self.window.clear()
        self.customers.clear()


class IncidentDetector:
    """Incidents of one rule. ``record=False`` (the live watcher) keeps counts, not case ids,
    once an incident is open, and forgets closed incidents."""

    def __init__(self, rule: WindowRule, *, record: bool = True) -> None:
        self.rule = rule
        self.record = record
        self._keys: dict[str, _Key] = {}
        self._closed: list[Incident] = []

    def __len__(self) -> int:
        """How many keys the detector holds state for."""
        return len(self._keys)

    def observe(
        self, value: str, at: datetime, case_id: str, customer: str | None = None
    ) -> Incident | None:
        """Count one case of ``customer`` (None: not known, a complainant of its own);
        return the incident it opens (exactly once per incident)."""
        # in UTC: two instants of one zone subtract and compare on its wall clock, which
        # gains or loses an hour across a change of the clocks
        opened = at = at.astimezone(UTC)
        key = fold_key(value)
        state = self._keys.get(key)
        if state is None:
            state = self._keys[key] = _Key(at)
        at = max(at, state.newest)
        state.newest = at
        open_ = state.incident
        if open_ is not None and at - open_.last_at > self.rule.quiet:
            self._close(state, open_)
            open_ = None
        if open_ is not None:
            open_.last_at = at
            if self.record:
                open_.ids.append(case_id)
                open_.spellings[value] = open_.spellings.get(value, 0) + 1
            return None
        window, customers = state.window, state.customers
        who = (False, case_id) if customer is None else (True, customer)
        window.append(_Seen(at, case_id, opened, value, who))
        customers[who] = customers.get(who, 0) + 1
        edge = at - self.rule.window
        while window[0].at < edge:
            left = window.popleft().who
            if customers[left] == 1:
                del customers[left]
            else:
                customers[left] -= 1
        if len(customers) < self.rule.min_cases:
            return None
        incident = state.incident = _Open(window, self.rule, at)
        state.clear()
        snapshot = self._snapshot(incident)
        if not self.record:
            incident.ids = []
        return snapshot

    def holding(self, value: str) -> str | None:
        """The id of the open incident cases with ``value`` join, if any."""
        state = self._keys.get(fold_key(value))
        return None if state is None or state.incident is None else state.incident.id

    def _snapshot(self, open_: _Open) -> Incident:
        return Incident(
            open_.id, self.rule, open_.value, open_.first_at, open_.opened_at, open_.last_at,
            tuple(open_.ids), open_.opened_by,
        )  # fmt: skip

    def _close(self, state: _Key, open_: _Open) -> None:
        state.incident = None
        state.clear()
        if self.record:
            self._closed.append(self._snapshot(open_))

    def forget_idle(self, now: datetime) -> None:
        """Drop keys with nothing in the window and no incident that could still grow."""
        horizon = max(self.rule.window, self.rule.quiet)
        idle = [key for key, state in self._keys.items() if now - state.newest > horizon]
        for key in idle:
            state = self._keys.pop(key)
            if state.incident is not None and self.record:
                self._closed.append(self._snapshot(state.incident))

    def still_open(self) -> list[Incident]:
        """Incidents that can still grow (with the case ids recorded so far)."""
        return [
            self._snapshot(state.incident)
            for state in self._keys.values()
            if state.incident is not None
        ]

    def stop_recording(self) -> None:
        """From now on keep counts only: drop recorded case ids and closed incidents."""
        self.record = False
        self._closed.clear()
        for state in self._keys.values():
            if state.incident is not None:
                state.incident.ids = []

    def incidents(self) -> list[Incident]:
        """Every incident seen, closed or still open, by first case then value."""
        return sorted([*self._closed, *self.still_open()], key=lambda i: (i.first_at, i.value))


def replay(rule: WindowRule, arrivals: Iterable[Arrival]) -> list[Incident]:
    """The incidents in stored arrivals, given in time order per key (by time, not by
    value as written: spellings of one key interleave)."""
    detector = IncidentDetector(rule)
    for arrival in arrivals:
        detector.observe(*arrival)
    return detector.incidents()
