"""A case's SLA state, typed: one clock per metric, the instants ``since`` triggers count
from, and the escalation ladder's progress.

The SLA engine reads and writes these objects; JSON exists only at the edges — the events
that carry a clock's new state and the stored case (``Case.to_json``), whose format is the
one the SQLite and PostgreSQL facts triggers read. ``to_json`` writes the keys in the order
earlier versions wrote them, so a stored case round-trips byte for byte.

Instants are kept at their own fixed UTC offset (what parsing the ISO text gives), so the
engine's arithmetic is the same whether a state was just computed or read back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from operator import attrgetter
from typing import Any, Literal, cast

import attrs

from complaintkit.model import trusted
from complaintkit.model.complaint import parse_instant
from complaintkit.model.instants import iso_text, isoformat
from complaintkit.model.lifecycle import Status

Phase = Literal["running", "paused", "stopped"]
Outcome = Literal["met", "breached", "cancelled"]
#: Keys of ``case.clocks`` JSON that are not metrics (the engine's bookkeeping).
MARKS = "_marks"
ESCALATION = "_escalation"
_US = timedelta(microseconds=1)
_fromisoformat = datetime.fromisoformat


def fixed(moment: datetime) -> datetime:
    """``moment`` at its own fixed UTC offset: two datetimes sharing a ZoneInfo subtract and
    compare on the wall clock, an hour off across DST; fixed offsets keep the local look."""
    if isinstance(moment.tzinfo, timezone):  # already fixed: what parsed ISO text gives
        return moment
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0)))


def _fixed_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else fixed(moment)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else isoformat(moment)


def _instant(value: Any, field: str) -> datetime:
    """An instant of stored clock JSON. Text ``isoformat`` wrote (the usual case) parses
    straight to a fixed offset; anything else goes through ``parse_instant``'s checks."""
    if type(value) is str:  # ``trusted.instant``, written out: read several times a clock
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is not None:
                return parsed
    return fixed(parse_instant(value, f"clock.{field}"))


def _at(value: Any, field: str) -> datetime | None:
    return None if value is None else _instant(value, field)


def _micros(value: timedelta) -> int:
    return value // _US


def _span(micros: Any) -> timedelta:
    # a product, not ``timedelta(microseconds=…)``: the same value, without keyword parsing
    return _US * (micros if type(micros) is int else int(micros))


@attrs.frozen
class Pause:
    """One pause of a clock; ``end`` is None while it lasts. JSON: ``[from, to]``.

    Every event of a clock carries all its pauses, and a pause outlives the state that
    made it (the next state holds the same object): its JSON is worked out once (``text``)
    and checked against when the next event's pauses are read (``ClockState.from_json``),
    so a case paused a thousand times is not encoded and parsed again a thousand times.
    For the same reason it keeps the running segment it leads to (``walked``).
    """

    start: datetime = attrs.field(converter=fixed)
    end: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    _text: tuple[str, str | None] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    #: What ``sla.segments`` worked out from the pauses up to this one (the running
    #: segment it leads to), kept with it for the next resume of the clock that holds it.
    walked: object = attrs.field(default=None, init=False, eq=False, repr=False)

    def text(self) -> tuple[str, str | None]:
        """``(from, to)`` as ISO text, worked out once."""
        text = self._text
        if text is None:
            text = _pause_text(self)
            object.__setattr__(self, "_text", text)
        return text

    def to_json(self) -> list[str | None]:
        return list(self.text())


def _pause_text(pause: Pause) -> tuple[str, str | None]:
    return isoformat(pause.start), _iso(pause.end)


def _pauses(data: list[Any], before: tuple[Pause, ...]) -> tuple[Pause, ...]:
    """The pauses of clock JSON, reusing those of the clock's state ``before`` whose text
    it repeats (each event of a clock repeats every earlier pause): only new or ended
    pauses are parsed."""
    kept = len(before)
    pauses = []
    for index, (start, end) in enumerate(data):
        if index < kept:
            known = before[index]
            if known.text() == (start, end):
                pauses.append(known)
                continue
            kept = index  # the rest differ as well (a state written by hand): read them
        pauses.append(_assemble_pause(_instant(start, "pauses"), _at(end, "pauses"), None, None))
    return tuple(pauses)


@attrs.frozen
class Extension:
    """A target's extension as the clock recorded it when it started (``sla.metrics``)."""

    upon: str
    mode: str
    within: str

    def to_json(self) -> dict[str, Any]:
        return {"upon": self.upon, "mode": self.mode, "within": self.within}


@attrs.frozen
class Extended:
    """An extension whose signal came in time: when, the budget the clock had before it,
    and whether it lengthened the period (``granted``; one that ended no later is kept too,
    so a re-base extends the new target upon its signal as upon a granted one's)."""

    extension: Extension
    at: datetime = attrs.field(converter=fixed)
    budget_before: timedelta
    granted: bool = True

    def to_json(self) -> dict[str, Any]:
        data = {
            **self.extension.to_json(),
            "at": isoformat(self.at),
            "budget_before_us": _micros(self.budget_before),
        }
        if not self.granted:
            data["granted"] = False
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Extended:
        extension = Extension(data["upon"], data["mode"], data["within"])
        at = _instant(data["at"], "extended.at")
        granted = bool(data.get("granted", True))
        return cls(extension, at, _span(data["budget_before_us"]), granted)


@attrs.frozen
class Cycle:
    """What an earlier cycle of a clock left behind when a reopen started a new one."""

    cycle: int
    started_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    due_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    met_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    breached_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    stopped_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    outcome: Outcome | None = None
    target: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "started_at": _iso(self.started_at),
            "due_at": _iso(self.due_at),
            "met_at": _iso(self.met_at),
            "breached_at": _iso(self.breached_at),
            "stopped_at": _iso(self.stopped_at),
            "outcome": self.outcome,
            "target": self.target,
            "cycle": self.cycle,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Cycle:
        return cls(
            int(data["cycle"]),
            **{k: _at(data.get(k), k) for k in _CYCLE_INSTANTS},
            outcome=data.get("outcome"),
            target=data.get("target"),
        )


_CYCLE_INSTANTS = ("started_at", "due_at", "met_at", "breached_at", "stopped_at")
_INSTANTS = ("paused_at", "due_at", "breached_at", "met_at", "stopped_at")


@attrs.frozen
class ClockState:
    """One SLA clock (``complaintkit.sla.clock`` moves it).

    The target becomes a ``budget`` of metric time when the clock starts; ``elapsed`` is
    the metric time used before ``resumed_at`` (the current running segment's start);
    ``thresholds`` are warning offsets into the budget. The fields after ``cycles`` say how
    the deadline was reckoned (for ``explain``) and are left out of the JSON when unset.
    """

    state: Phase
    target: str
    calendar: str | None
    business: bool
    budget: timedelta
    started_at: datetime = attrs.field(converter=fixed)
    resumed_at: datetime = attrs.field(converter=fixed)
    elapsed: timedelta = timedelta(0)
    paused_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    pauses: tuple[Pause, ...] = ()
    due_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    thresholds: Mapping[str, timedelta] = attrs.field(factory=dict)
    warned: tuple[str, ...] = ()
    breached_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    met_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    stopped_at: datetime | None = attrs.field(default=None, converter=_fixed_or_none)
    outcome: Outcome | None = None
    cycle: int = 1
    cycles: tuple[Cycle, ...] = ()
    #: The target row that set the clock (none for an imported outcome without a target).
    row: int | None = None
    start_reason: str | None = None
    calendar_reason: str | None = None
    end: str = "exact"
    roll: bool = False
    extensions: tuple[Extension, ...] = ()
    #: The row's own pause statuses, if it names them (else the metric's).
    pause_in: tuple[Status, ...] | None = None
    #: The holiday data the deadline was counted with, then the incomplete years its
    #: period crosses ("holidays 0.109; 2027 provisional"), as ``Timeline.holiday_data``.
    holiday_data: str | None = None
    extended: tuple[Extended, ...] = ()
    #: Set on a stopped clock holding an outcome another system recorded (history import).
    recorded: bool = False

    def to_json(self) -> dict[str, Any]:
        # written for every clock event: no helper calls for the usual unset fields; the due
        # and breach instants were just written in the event's reason (``iso_text``)
        paused_at, due_at, breached_at = self.paused_at, self.due_at, self.breached_at
        met_at, stopped_at = self.met_at, self.stopped_at
        pauses, cycles = self.pauses, self.cycles
        started = iso_text(self.started_at)
        # one instant, most of the time: a running segment starting when the clock started
        resumed = started if self.resumed_at is self.started_at else isoformat(self.resumed_at)
        data: dict[str, Any] = {
            "state": self.state,
            "target": self.target,
            "calendar": self.calendar,
            "business": self.business,
            "budget_us": self.budget // _US,
            "started_at": started,
            "resumed_at": resumed,
            "elapsed_us": self.elapsed // _US,
            "paused_at": None if paused_at is None else isoformat(paused_at),
            "pauses": [pause.to_json() for pause in pauses] if pauses else [],
            "due_at": None if due_at is None else iso_text(due_at),
            "thresholds": {label: at // _US for label, at in self.thresholds.items()},
            "warned": list(self.warned),
            "breached_at": None if breached_at is None else iso_text(breached_at),
            "met_at": None if met_at is None else isoformat(met_at),
            "stopped_at": None if stopped_at is None else isoformat(stopped_at),
            "outcome": self.outcome,
            "cycle": self.cycle,
            "cycles": [cycle.to_json() for cycle in cycles] if cycles else [],
        }
        # the fields saying how the deadline was reckoned, only when set
        if self.row is not None:
            data["row"] = self.row
        if self.start_reason is not None:
            data["start_reason"] = self.start_reason
        if self.calendar_reason is not None:
            data["calendar_reason"] = self.calendar_reason
        if self.end != "exact":
            data["end"] = self.end
        if self.roll:
            data["roll"] = True
        if self.extensions:
            data["extensions"] = [e.to_json() for e in self.extensions]
        if self.pause_in is not None:
            data["pause_in"] = [s.value for s in self.pause_in]
        if self.holiday_data is not None:
            data["holiday_data"] = self.holiday_data
        if self.extended:
            data["extended"] = [e.to_json() for e in self.extended]
        if self.recorded:
            data["recorded"] = True
        return data

    def rewritten(self, known: Mapping[str, Any], changed: str) -> dict[str, Any]:
        """``to_json``, from ``known``, the JSON of a state that differs from this one in
        the field ``changed`` only (one of ``_REWRITERS``): that field written again."""
        data = dict(known)
        key, write = _REWRITERS[changed]
        data[key] = write(self)
        return data

    @property
    def granted(self) -> tuple[Extended, ...]:
        """The extensions that lengthened the period (``extended`` keeps the others too)."""
        return tuple(record for record in self.extended if record.granted)

    @property
    def ever_breached(self) -> bool:
        """Breached in this cycle or an earlier one: a reopening's new cycle starts a new
        promise, but does not undo a deadline already missed (reports count it breached)."""
        return self.breached_at is not None or any(c.breached_at is not None for c in self.cycles)

    def but(self, **changes: Any) -> ClockState:
        """This state with ``changes``: ``attrs.evolve``, without its per-call field walk or
        keyword arguments (the engine makes a new state for every move of every clock).
        Only the changed instants are converted: the others are this state's, fixed already
        (``fixed`` gives a fixed instant back as it is)."""
        values = list(_VALUES(self))
        for name, value in changes.items():
            convert = _CONVERTERS.get(name)
            values[_INDEX[name]] = value if convert is None else convert(value)
        return _assemble_clock_state(*values)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], before: ClockState | None = None) -> ClockState:
        """The state clock JSON holds; ``before``, the clock's state the JSON follows (an
        event folded into a case), lends it the pauses it repeats."""
        # read for every clock of every case a tick loads: no per-field helpers for the many
        # empty and null fields, and no ``__init__``, whose converters would only find the
        # instants ``_instant`` gives already fixed
        get = data.get
        pauses, cycles = data["pauses"], data["cycles"]
        pause_in, extensions, extended = get("pause_in"), get("extensions"), get("extended")
        paused_at, due_at, breached_at = data["paused_at"], data["due_at"], data["breached_at"]
        met_at, stopped_at = data["met_at"], data["stopped_at"]
        started = _instant(data["started_at"], "started_at")
        resumed = (  # the same instant is parsed once, and written once (``to_json``)
            started
            if data["resumed_at"] == data["started_at"]
            else _instant(data["resumed_at"], "resumed_at")
        )
        budget, elapsed = data["budget_us"], data["elapsed_us"]
        return _assemble_clock_state(
            data["state"],
            data["target"],
            data["calendar"],
            bool(data["business"]),
            _US * budget if type(budget) is int else _span(budget),
            started,
            resumed,
            _US * elapsed if type(elapsed) is int else _span(elapsed),
            None if paused_at is None else _instant(paused_at, "paused_at"),
            _pauses(pauses, () if before is None else before.pauses) if pauses else (),
            None if due_at is None else _instant(due_at, "due_at"),
            _thresholds(data["thresholds"]),
            tuple(data["warned"]),
            None if breached_at is None else _instant(breached_at, "breached_at"),
            None if met_at is None else _instant(met_at, "met_at"),
            None if stopped_at is None else _instant(stopped_at, "stopped_at"),
            data["outcome"],
            int(data["cycle"]),
            tuple(Cycle.from_json(c) for c in cycles) if cycles else (),
            get("row"),
            get("start_reason"),
            get("calendar_reason"),
            get("end", "exact"),
            bool(get("roll", False)),
            () if extensions is None else tuple(Extension(**e) for e in extensions),
            None if pause_in is None else tuple(Status(s) for s in pause_in),
            get("holiday_data"),
            () if extended is None else tuple(Extended.from_json(e) for e in extended),
            bool(get("recorded", False)),
        )


def _thresholds(data: Mapping[str, Any]) -> dict[str, timedelta]:
    return {label: _US * at if type(at) is int else _span(at) for label, at in data.items()}


_assemble_pause = trusted.assembler(Pause)
_assemble_clock_state = trusted.assembler(ClockState)
_FIELDS = tuple(field.name for field in attrs.fields(ClockState))
_VALUES = attrgetter(*_FIELDS)
_INDEX = {name: index for index, name in enumerate(_FIELDS)}
#: The converters of the fields that have one (the instants), which ``but`` runs itself.
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    field.name: cast("Callable[[Any], Any]", field.converter)
    for field in attrs.fields(ClockState)
    if field.converter is not None
}


#: The fields ``ClockState.rewritten`` writes again alone, with their JSON key and value as
#: ``to_json`` writes them: those a warning and a breach move.
_REWRITERS: dict[str, tuple[str, Callable[[ClockState], Any]]] = {
    "warned": ("warned", lambda state: list(state.warned)),
    "breached_at": (
        "breached_at",
        lambda state: None if state.breached_at is None else iso_text(state.breached_at),
    ),
}


@attrs.frozen
class Clocks:
    """A case's SLA state: ``metrics`` (one clock each), ``marks`` (when each signal a
    ``since`` trigger counts from last arrived) and ``escalation`` (the ladder's progress,
    owned by ``complaintkit.sla.escalation``). ``order`` is the order the JSON keys were
    first written in, kept so a stored case round-trips byte for byte.

    ``written`` holds, for a clock whose JSON is known (read from the stored case, or
    written for the event that set it), that JSON: ``to_json`` reuses it instead of
    encoding the clock again — a tick reads and writes back far more clocks than it moves.
    """

    metrics: Mapping[str, ClockState] = attrs.field(factory=dict)
    marks: Mapping[str, datetime] = attrs.field(factory=dict)
    escalation: Mapping[str, Any] = attrs.field(factory=dict)
    order: tuple[str, ...] = ()
    written: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, eq=False, repr=False)

    def get(self, metric: str) -> ClockState | None:
        return self.metrics.get(metric)

    # built directly, not with attrs.evolve: every SLA event applied to a case makes one
    def with_metric(
        self, metric: str, state: ClockState, data: Mapping[str, Any] | None = None
    ) -> Clocks:
        """``metric`` set to ``state``; ``data`` is its JSON if already written."""
        metrics = {**self.metrics, metric: state}
        written = dict(self.written)
        if data is not None:
            written[metric] = data
        else:
            written.pop(metric, None)
        return Clocks(metrics, self.marks, self.escalation, self._key(metric), written)

    def with_marks(self, marks: Mapping[str, datetime]) -> Clocks:
        return Clocks(self.metrics, dict(marks), self.escalation, self._key(MARKS), self.written)

    def with_escalation(self, state: Mapping[str, Any]) -> Clocks:
        return Clocks(self.metrics, self.marks, state, self._key(ESCALATION), self.written)

    def _key(self, key: str) -> tuple[str, ...]:
        return self.order if key in self.order else (*self.order, key)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key in self.order:
            if key == MARKS:
                data[key] = {signal: isoformat(at) for signal, at in self.marks.items()}
            elif key == ESCALATION:
                data[key] = self.escalation
            else:
                known = self.written.get(key)
                data[key] = self.metrics[key].to_json() if known is None else known
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Clocks:
        metrics: dict[str, ClockState] = {}
        written: dict[str, Mapping[str, Any]] = {}
        order: list[str] = []
        for key, value in data.items():
            if not key.startswith("_"):
                metrics[key] = ClockState.from_json(value)
                if _as_written(value):
                    written[key] = value
            elif key not in (MARKS, ESCALATION):
                continue
            order.append(key)
        marks = marks_from_json(data[MARKS]) if MARKS in data else {}
        return _assemble_clocks(metrics, marks, data.get(ESCALATION, {}), tuple(order), written)


_assemble_clocks = trusted.assembler(Clocks)

#: The keys of ``ClockState.to_json``: always these, then those of the optional ones set.
_ALWAYS = (
    "state", "target", "calendar", "business", "budget_us", "started_at", "resumed_at",
    "elapsed_us", "paused_at", "pauses", "due_at", "thresholds", "warned", "breached_at",
    "met_at", "stopped_at", "outcome", "cycle", "cycles",
)  # fmt: skip
_OPTIONAL = (
    "row", "start_reason", "calendar_reason", "end", "roll", "extensions", "pause_in",
    "holiday_data", "extended", "recorded",
)  # fmt: skip


#: Values ``to_json`` leaves out (a 0 or "exact" read as unset only costs an encoding).
_UNSET: tuple[Any, ...] = (None, False, [], "exact")


def _as_written(data: Mapping[str, Any]) -> bool:
    """Whether clock JSON has its keys in the order ``to_json`` writes them, so it can be
    written back as it is: a case body stored as text, not JSON whose keys a store or an
    event's canonical text sorted (PostgreSQL's jsonb, event data)."""
    optional = _written_optional(tuple(data))
    if optional is None:
        return False
    for key in optional:  # noqa: SIM110 -- a loop: half the cost of ``all`` on a generator
        if data[key] in _UNSET:
            return False
    return True


@lru_cache(maxsize=256)
def _written_optional(keys: tuple[str, ...]) -> tuple[str, ...] | None:
    """The optional keys among ``keys`` if they are all in the order ``to_json`` writes
    them, else None (asked for every clock read, of a handful of distinct key sets)."""
    optional = keys[19:]
    in_order = keys[:19] == _ALWAYS and optional == tuple(k for k in _OPTIONAL if k in optional)
    return optional if in_order else None


def marks_from_json(data: Mapping[str, str]) -> dict[str, datetime]:
    return {signal: _instant(at, "marks") for signal, at in data.items()}
