"""The case: the unit of work that one or more complaints open.

A case is derived state: its fields are what its event history says. Only
``complaintkit.model.history.apply`` changes them, so a replayed history always rebuilds
the same case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model import trusted
from complaintkit.model.clocks import Clocks
from complaintkit.model.complaint import (
    MAX_TEXT_CHARS,
    Complaint,
    checked_text,
    parse_instant,
)
from complaintkit.model.events import GENESIS
from complaintkit.model.instants import iso_text, isoformat
from complaintkit.model.jsonvalues import json_copy
from complaintkit.model.lifecycle import TERMINAL, Status, parse_status
from complaintkit.model.stored_money import check_stored_money

FISHBONE_CATEGORIES = ("people", "process", "product", "policy", "place", "partner", "other")
NATURES = ("systemic", "incidental")


def _as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values) if isinstance(values, (list, tuple)) else values  # type: ignore[return-value]


def _one_of(value: object, field: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidInput(field, f"must be one of {', '.join(allowed)} (got {value!r})")


def _texts(values: object, field: str, required: bool) -> None:
    """Refuse ``values`` unless it is a sequence of texts a case may record."""
    if not isinstance(values, tuple):
        raise InvalidInput(field, "must be a list of texts")
    for value in values:
        checked_text(value, field, MAX_TEXT_CHARS, required)


@attrs.frozen
class RootCause:
    """Why it happened: a fishbone (鱼骨图) branch, a 5-Why chain, systemic or one-off."""

    fishbone: str
    whys: tuple[str, ...] = attrs.field(converter=_as_tuple)
    nature: str
    impact: str = ""
    #: Process changes made so it does not happen again (改进措施); the closing report to
    #: the customer may name only these, never an improvement nobody recorded.
    improvements: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        _one_of(self.fishbone, "root_cause.fishbone", FISHBONE_CATEGORIES)
        _one_of(self.nature, "root_cause.nature", NATURES)
        _texts(self.whys, "root_cause.whys", required=False)
        checked_text(self.impact, "root_cause.impact", MAX_TEXT_CHARS, required=False)
        _texts(self.improvements, "root_cause.improvements", required=False)
        if not self.whys or len(self.whys) > 5 or not all(w.strip() for w in self.whys):
            raise InvalidInput(
                "root_cause.whys", "needs between 1 and 5 non-blank answers to 'why?'"
            )
        if not all(item.strip() for item in self.improvements):  # a letter would claim it
            raise InvalidInput("root_cause.improvements", "each improvement must say what changed")

    def to_json(self) -> dict[str, Any]:
        return {
            "fishbone": self.fishbone,
            "whys": list(self.whys),
            "nature": self.nature,
            "impact": self.impact,
            "improvements": list(self.improvements),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RootCause:
        return cls(
            data["fishbone"],
            data["whys"],
            data["nature"],
            data.get("impact", ""),
            data.get("improvements", ()),
        )

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> RootCause:
        """As stored, without the checks on what is recorded (``model.trusted``): a
        fishbone branch a later version drops still reads."""
        return _assemble_root_cause(
            trusted.text(data, "fishbone", "root_cause."),
            trusted.texts(data, "whys", "root_cause."),
            trusted.text(data, "nature", "root_cause."),
            trusted.text(data, "impact", "root_cause.", default=""),
            trusted.texts(data, "improvements", "root_cause.", required=False),
        )


_assemble_root_cause = trusted.assembler(RootCause)


@attrs.frozen
class Satisfaction:
    """The follow-up visit's answer (回访): a score from 1 to 5 and what the customer said,
    or the customer's refusal to rate (``refused``, no score) — both close the loop."""

    score: int | None
    comment: str = ""
    refused: bool = False

    def __attrs_post_init__(self) -> None:
        checked_text(self.comment, "satisfaction.comment", MAX_TEXT_CHARS, required=False)
        if self.refused:
            if self.score is not None:
                raise InvalidInput("satisfaction.score", "a refusal to rate carries no score")
            return
        if (
            isinstance(self.score, bool)
            or not isinstance(self.score, int)
            or not 1 <= self.score <= 5
        ):
            raise InvalidInput(
                "satisfaction.score", f"must be an integer from 1 to 5 (got {self.score!r})"
            )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Satisfaction:
        return cls(**data)

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Satisfaction:
        """As stored, without the checks on what is recorded (``model.trusted``)."""
        score = data["score"]
        if score is not None and type(score) is not int:
            raise InvalidInput("satisfaction.score", f"must be an integer (got {score!r})")
        comment = trusted.text(data, "comment", "satisfaction.", default="")
        return _assemble_satisfaction(score, comment, bool(data.get("refused", False)))


_assemble_satisfaction = trusted.assembler(Satisfaction)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else isoformat(value)


@attrs.define
class Case:
    """Everything known about one complaint case, as of its last event (``version``)."""

    id: str
    status: Status
    complaints: tuple[Complaint, ...]
    opened_at: datetime
    updated_at: datetime
    status_token: str
    policy_version: str = ""
    category: str | None = None
    severity: str | None = None
    priority: str | None = None
    tags: tuple[str, ...] = ()
    owner: str | None = None
    team: str | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    root_cause: RootCause | None = None
    satisfaction: Satisfaction | None = None
    escalation_level: int = 0
    #: SLA state owned by the SLA engine: a clock per metric, marks, escalation progress.
    clocks: Clocks = attrs.field(factory=Clocks)
    #: The earliest instant at which the SLA engine has something to do; storage indexes it.
    next_deadline: datetime | None = None
    compensation: list[dict[str, Any]] = attrs.field(factory=list)
    attributes: dict[str, Any] = attrs.field(factory=dict)
    version: int = 0
    last_hash: str = GENESIS
    #: For a case read from a store: its ``complaints`` and the stored JSON they were read
    #: from. While ``complaints`` is still that tuple, ``to_json`` writes the JSON back as it
    #: is rather than encoding every complaint again (a tick writes back every case it reads).
    written_complaints: tuple[tuple[Complaint, ...], list[dict[str, Any]]] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    #: The policy version whose SLA engine planned ``next_deadline`` when a Desk saved the
    #: case (``None``: not planned here). Stores keep it beside the case, not in its JSON,
    #: which its history replays: a newer version re-plans the cases a superseded one
    #: saved (``desk.replan``).
    planned_by: str | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def complaint(self) -> Complaint:
        """The complaint that opened the case."""
        return self.complaints[0]

    @property
    def customer_id(self) -> str:
        return self.complaint.customer.id

    @property
    def is_open(self) -> bool:
        return self.status not in TERMINAL

    def held_by(self, owner: str, team: str | None) -> bool:
        """Whether handing the case to ``owner`` (in ``team``, or its own when None) would
        change nothing: an ``assign`` or an escalation's ``reassign`` to it records none."""
        return owner == self.owner and team in (None, self.team)

    def copy(self) -> Case:
        """A copy whose mutable parts can change without touching this one.

        Complaints, root cause, satisfaction and clocks are frozen, so they are shared; only
        the JSON-shaped dicts are copied (a JSON round trip would validate every complaint
        again on each read of the in-memory store).
        """
        return attrs.evolve(
            self,
            compensation=json_copy(self.compensation),
            attributes=json_copy(self.attributes),
        )

    def to_json(self, *, shared: bool = False) -> dict[str, Any]:
        """The case as JSON that belongs to the caller: changing it changes no case.

        ``shared=True`` skips the copying and gives parts the case keeps (its complaints'
        and clocks' JSON, compensation, attributes): for storage backends, which encode it
        at once and change nothing.
        """
        data = self._json()
        if not shared:
            for name in ("complaints", "clocks", "compensation", "attributes"):
                data[name] = json_copy(data[name])
        return data

    def _json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "complaints": self._complaints_json(),
            "opened_at": isoformat(self.opened_at),
            "updated_at": iso_text(self.updated_at),  # a tick's now, on every case it saves
            "status_token": self.status_token,
            "policy_version": self.policy_version,
            "category": self.category,
            "severity": self.severity,
            "priority": self.priority,
            "tags": list(self.tags),
            "owner": self.owner,
            "team": self.team,
            "first_response_at": _iso(self.first_response_at),
            "resolved_at": _iso(self.resolved_at),
            "closed_at": _iso(self.closed_at),
            "resolution": self.resolution,
            "root_cause": self.root_cause.to_json() if self.root_cause else None,
            "satisfaction": attrs.asdict(self.satisfaction) if self.satisfaction else None,
            "escalation_level": self.escalation_level,
            "clocks": self.clocks.to_json(),
            "next_deadline": _iso(self.next_deadline),
            "compensation": self.compensation,
            "attributes": self.attributes,
            "version": self.version,
            "last_hash": self.last_hash,
        }

    def _complaints_json(self) -> list[dict[str, Any]]:
        written = self.written_complaints
        if written is not None and written[0] is self.complaints:
            return written[1]
        return [complaint.to_json() for complaint in self.complaints]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Case:
        """A case from JSON, its complaints and records validated as input."""
        return cls._read(data, Complaint.from_json, RootCause.from_json, Satisfaction.from_json)

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Case:
        """A case as ``to_json`` stored it, validated when it was written: rebuilt without
        validating it again (``complaintkit.model.trusted``), so a case holding a value
        today's limits or policy refuse still loads and can be worked on; its money alone
        is checked (``stored_money``): letters and sums read it as Decimals."""
        check_stored_money(data.get("compensation", []))
        case = cls._read(
            data, Complaint.from_stored, RootCause.from_stored, Satisfaction.from_stored
        )
        case.written_complaints = (case.complaints, data["complaints"])
        return case

    @classmethod
    def _read(
        cls,
        data: dict[str, Any],
        complaint: Callable[[Any], Complaint],
        root_cause: Callable[[dict[str, Any]], RootCause],
        satisfaction: Callable[[dict[str, Any]], Satisfaction],
    ) -> Case:
        # read for every case a tick claims: built without ``__init__``'s keyword parsing
        # (``trusted.assembler``; Case has no converter or check to skip)
        get = data.get
        root, rating = get("root_cause"), get("satisfaction")
        first_response_at, resolved_at = get("first_response_at"), get("resolved_at")
        closed_at, next_deadline = get("closed_at"), get("next_deadline")
        complaints, tags = tuple(map(complaint, data["complaints"])), tuple(get("tags", ()))
        _check_shape(complaints, tags)
        return _assemble_case(
            data["id"],
            parse_status(data["status"]),
            complaints,
            parse_instant(data["opened_at"], "opened_at"),
            parse_instant(data["updated_at"], "updated_at"),
            data["status_token"],
            get("policy_version", ""),
            get("category"),
            get("severity"),
            get("priority"),
            tags,
            get("owner"),
            get("team"),
            None
            if first_response_at is None
            else parse_instant(first_response_at, "first_response_at"),
            None if resolved_at is None else parse_instant(resolved_at, "resolved_at"),
            None if closed_at is None else parse_instant(closed_at, "closed_at"),
            get("resolution"),
            root_cause(root) if root else None,
            satisfaction(rating) if rating else None,
            get("escalation_level", 0),
            Clocks.from_json(get("clocks", {})),
            None if next_deadline is None else parse_instant(next_deadline, "next_deadline"),
            get("compensation", []),
            get("attributes", {}),
            get("version", 0),
            get("last_hash", GENESIS),
            None,
            None,
        )


def _check_shape(complaints: tuple[Complaint, ...], tags: tuple[Any, ...]) -> None:
    """Refuse a stored case no complaintkit wrote (a body edited by hand): every reader
    takes its first complaint and prints its tags as text."""
    if not complaints:
        raise InvalidInput("complaints", "a case holds at least one complaint (got none)")
    for tag in tags:
        if type(tag) is not str:
            raise InvalidInput("tags", f"each tag is text (got {tag!r:.40})")


_assemble_case = trusted.assembler(Case)
