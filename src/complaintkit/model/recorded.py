"""What another system already recorded about a complaint, carried in by a history import.

A complaint imported from a previous helpdesk or a regulator's export arrives with its
handling done or under way: when it was first answered, resolved and closed, its status
and outcome, its owner, the response the customer got, and whether the service level was
met. ``Desk.intake`` turns this into back-dated events at those real times.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model.instants import parse_instant
from complaintkit.model.jsonvalues import json_kind
from complaintkit.model.lifecycle import SOLVED, TERMINAL, Status, parse_status

#: Words a recorded SLA outcome may be written with (case-insensitive).
TIMELY = frozenset({"yes", "y", "true", "1", "timely", "met", "on time"})
LATE = frozenset({"no", "n", "false", "0", "late", "untimely", "breached"})

#: The instants a record may carry, in the order they happen.
INSTANTS = ("first_response_at", "resolved_at", "closed_at")
_TEXTS = ("response", "outcome", "owner", "team")

_S = Status
_UNSOLVED = frozenset(
    {
        _S.RECEIVED,
        _S.ACKNOWLEDGED,
        _S.INVESTIGATING,
        _S.WAITING_ON_CUSTOMER,
        _S.WAITING_ON_THIRD_PARTY,
        _S.RESOLUTION_PROPOSED,
    }
)
_DONE = {"first_response_at": "answered", "resolved_at": "resolved", "closed_at": "closed"}
#: Statuses a case has left for good once the instant happened (short of a reopening): a
#: record that names one as its status now contradicts its own times.
_LEFT_BY = {
    "first_response_at": frozenset({_S.RECEIVED}),
    "resolved_at": _UNSOLVED,
    "closed_at": _UNSOLVED | {_S.RESOLVED, _S.FOLLOW_UP},
}


def parse_timely(value: object, field: str) -> bool:
    """A recorded SLA outcome: True for met in time, False for late."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TIMELY:
        return True
    if word in LATE:
        return False
    raise InvalidInput(
        field, f"{value!r} is not an SLA outcome; write yes/no, true/false or timely/late"
    )


def _instant(value: object, field: str) -> datetime | None:
    return None if value in (None, "") else parse_instant(value, field)


@attrs.frozen
class Recorded:
    """The handling a complaint already had elsewhere; every part is optional.

    ``sla`` maps a metric name (``first_response``, ``response``…) to whether it was met.
    """

    status: Status | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    response: str | None = None
    outcome: str | None = None
    owner: str | None = None
    team: str | None = None
    sla: Mapping[str, bool] = attrs.field(factory=dict)

    def instants(self) -> list[datetime]:
        """The recorded instants, earliest first."""
        found = [getattr(self, name) for name in INSTANTS]
        return sorted(at for at in found if at is not None)

    def starts_clocks(self) -> bool:
        """Whether the case it opens runs SLA clocks: not one that ended (closed, rejected,
        withdrawn), nor one solved at a time the record does not give (a clock stopped
        then would be a made-up outcome)."""
        if self.status is None:
            return True
        untimed = self.status in SOLVED and self.resolved_at is None
        return self.status not in TERMINAL and not untimed

    def check_after(self, received_at: datetime, field: str) -> None:
        """Refuse a record whose instants precede the complaint or each other."""
        earlier, earlier_name = received_at, "received_at"
        for name in INSTANTS:
            at = getattr(self, name)
            if at is None:
                continue
            if at < earlier:
                raise InvalidInput(
                    f"{field}.{name}",
                    f"{at.isoformat()} is before {earlier_name} ({earlier.isoformat()})",
                )
            earlier, earlier_name = at, name
        self._check_status(field)

    def _check_status(self, field: str) -> None:
        """Refuse a status the recorded instants say the case had left (``received`` with a
        ``first_response_at``, ``investigating`` with a ``closed_at``): which one is wrong
        is not known, and either kept would give the case a status and times that disagree."""
        for name in reversed(INSTANTS):
            at = getattr(self, name)
            if at is not None and self.status in _LEFT_BY[name]:
                raise InvalidInput(
                    f"{field}.status",
                    f"{self.status.value!r} contradicts {field}.{name} ({at.isoformat()}): "
                    f"a case {_DONE[name]} then is {self.status.value} no more; correct either "
                    "(a case reopened since is reopened)",
                )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.status is not None:
            data["status"] = self.status.value
        for name in INSTANTS:
            if (at := getattr(self, name)) is not None:
                data[name] = at.isoformat()
        for name in _TEXTS:
            if (text := getattr(self, name)) is not None:
                data[name] = text
        if self.sla:
            data["sla"] = dict(self.sla)
        return data

    @classmethod
    def from_json(cls, data: object, field: str = "history") -> Recorded:
        if not isinstance(data, Mapping):
            raise InvalidInput(field, f"must be an object (got {json_kind(data)})")
        known = {"status", *INSTANTS, *_TEXTS, "sla"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidInput(
                f"{field}.{unknown[0]}",
                f"is not a recorded field; known fields: {', '.join(sorted(known))}",
            )
        texts: dict[str, str] = {}
        for name in _TEXTS:
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue  # blank: not recorded
            if not isinstance(value, str):
                raise InvalidInput(f"{field}.{name}", f"must be a string (got {value!r})")
            texts[name] = value
        sla = data.get("sla") or {}
        if not isinstance(sla, Mapping):
            raise InvalidInput(f"{field}.sla", "must map metric names to true or false")
        status = data.get("status")
        return cls(
            status=None if status in (None, "") else parse_status(status, f"{field}.status"),
            first_response_at=_instant(data.get("first_response_at"), f"{field}.first_response_at"),
            resolved_at=_instant(data.get("resolved_at"), f"{field}.resolved_at"),
            closed_at=_instant(data.get("closed_at"), f"{field}.closed_at"),
            response=texts.get("response"),
            outcome=texts.get("outcome"),
            owner=texts.get("owner"),
            team=texts.get("team"),
            sla={str(m): parse_timely(v, f"{field}.sla.{m}") for m, v in sla.items()},
        )
