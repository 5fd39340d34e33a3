"""Live incident detection: count cases as they are opened, raise each incident once.

The watcher holds one ``IncidentDetector`` per rule in memory and is fed the cases as they
are opened, in order, whatever the batch size. Before the first case it sees, it replays the
stored history through the same detectors, so a new process (each ``complaintkit intake``
run) continues the incidents an earlier one raised. Given the ``Openings`` of its store, it
also counts, before the cases it is given, those any process opened since it last looked
(a long-lived ``serve`` beside a cron ``intake``), so each process counts every case. A
case already counted (by the replay, the openings or an earlier call) is not counted twice.
It knows nothing of the Desk: it is given a way to read stored arrivals and openings and
answers which case opens which incident.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

import attrs

from complaintkit.incidents.detector import Arrival, IncidentDetector
from complaintkit.incidents.incident import Incident
from complaintkit.incidents.rule import WindowRule, key_attribute
from complaintkit.model.case import Case

#: Stored ``(value, opened at, case id, customer id)`` for a rule key, in time order (per
#: folded value).
History = Callable[[str], Iterable[Arrival]]


def attribute_text(raw: object) -> str:
    """A complaint attribute as a key value: text as it is, anything else as compact JSON
    with sorted keys (``true``, ``1.5``, ``{"a":1}``), which every backend can produce from
    the stored JSON, so a value keys the same incident and group everywhere."""
    if isinstance(raw, str):
        return raw
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def key_value(case: Case, key: str) -> str | None:
    """The value of a rule key on a case's first complaint, or None when it is unset."""
    return Opening.of(case).value(key)


class Opening(NamedTuple):
    """A case as the watcher counts it: from a ``Case``, or from a stored ``opened`` event."""

    id: str
    opened_at: datetime
    product: object
    attributes: Mapping[str, object]
    customer: str | None = None  #: who complained (None: not known)

    @classmethod
    def of(cls, case: Case) -> Opening:
        complaint = case.complaint
        return cls(
            case.id, case.opened_at, complaint.product, complaint.attributes, case.customer_id
        )

    def value(self, key: str) -> str | None:
        """The value of a rule key, or None when it is unset."""
        attribute = key_attribute(key)
        raw = self.product if attribute is None else self.attributes.get(attribute)
        return None if raw is None else attribute_text(raw)


class Openings(Protocol):
    """The cases any process opened on a store, in the order they were committed."""

    def start(self) -> None:
        """Mark where the stored history ends now (before it is replayed)."""

    def read(self) -> Iterable[Opening]:
        """The cases opened since the mark or the last read; each case once."""


#: How long a counted case is remembered, so that its turn (it is announced, or read from the
#: openings) does not count it again: far longer than a commit takes to be announced and read.
REMEMBERED = timedelta(hours=1)


def _opened_at(case: Opening) -> datetime:
    return case.opened_at


class IncidentWatcher:
    def __init__(
        self, rules: Sequence[WindowRule], history: History, openings: Openings | None = None
    ) -> None:
        self.detectors = [IncidentDetector(rule) for rule in rules]
        self._history = history
        self._openings = openings
        self._warm = False
        #: case id -> opened at, of the cases counted lately, oldest first
        self._counted: OrderedDict[str, datetime] = OrderedDict()
        self._since_sweep = 0

    def watch(self, cases: Sequence[Case]) -> list[Incident]:
        """Count newly opened ``cases`` in order, after the cases other processes opened
        since the last call (when given ``openings``); each incident that opens (its
        ``opened_by`` case opened it), with the cases that joined it in this call too. The first call also returns the incidents the stored history
        leaves open, with the case ids they hold: the caller raises those not raised yet."""
        if not cases:
            return []
        opened: list[Incident] = []
        if not self._warm:
            if self._openings is not None:
                self._openings.start()
            opened += self._warm_up(cases[0].opened_at)
        own = [Opening.of(case) for case in cases]
        joined: dict[str, list[str]] = {incident.id: [] for incident in opened}
        if self._openings is not None and any(self._unseen(case) for case in own):
            # in time order: a read spans whole commits, and one commit's events need not
            # come in the order its cases were opened
            opened += self._count(sorted(self._openings.read(), key=_opened_at), joined)
        opened += self._count(own, joined)
        self._forget(cases[-1].opened_at)
        self._sweep(len(cases), cases[-1].opened_at)
        return [attrs.evolve(i, case_ids=(*i.case_ids, *joined[i.id])) for i in opened]

    def _unseen(self, case: Opening) -> bool:
        """Whether ``case`` is not counted yet and counts (it has a value for a rule's key):
        only then are the openings read, so a case no rule counts costs no query."""
        if case.id in self._counted:
            return False
        return any(case.value(detector.rule.key) is not None for detector in self.detectors)

    def _count(self, openings: Iterable[Opening], joined: dict[str, list[str]]) -> list[Incident]:
        """Count ``openings``; the cases that join an incident raised in this call are added
        to ``joined`` under its id: another process, counting in another order, may have
        recorded the incident on one of them."""
        opened = []
        for case in openings:
            if case.id in self._counted:
                continue
            values = [(d, v) for d in self.detectors if (v := case.value(d.rule.key)) is not None]
            if values:  # a case no rule counts need not be remembered
                self._counted[case.id] = case.opened_at
            for detector, value in values:
                incident = detector.observe(value, case.opened_at, case.id, case.customer)
                if incident is not None:
                    opened.append(incident)
                    joined[incident.id] = []
                elif joined and (held := detector.holding(value)) in joined:
                    joined[held].append(case.id)
        return opened

    def _forget(self, now: datetime) -> None:
        """Forget counted cases opened long before ``now``, oldest first: O(1) amortised."""
        counted, edge = self._counted, now - REMEMBERED
        while counted and next(iter(counted.values())) < edge:
            counted.popitem(last=False)

    def _sweep(self, seen: int, now: datetime) -> None:
        """Forget idle values once as many cases as values were seen: memory stays bounded by
        the values active in the last window, at O(1) amortised cost per case."""
        self._since_sweep += seen
        if self._since_sweep > max((len(d) for d in self.detectors), default=0):
            self._since_sweep = 0
            for detector in self.detectors:
                detector.forget_idle(now)

    def _warm_up(self, now: datetime) -> list[Incident]:
        """Replay every stored case; remember those opened lately (the batch being
        announced, and cases other processes commit meanwhile, which ``openings`` may read
        again) so they are not counted again when their turn comes."""
        self._warm = True
        still_open: list[Incident] = []
        edge = now - REMEMBERED
        for detector in self.detectors:
            for arrival in self._history(detector.rule.key):
                detector.observe(*arrival)
                at, case_id = arrival[1], arrival[2]
                if at >= edge:
                    self._counted[case_id] = at
            detector.forget_idle(now)
            still_open += detector.still_open()
            detector.stop_recording()
        return still_open
