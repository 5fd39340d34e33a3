"""Names a policy watches for (SLA signals, escalation ``since``, notification ``on``) that
no event can ever carry: an event the SOP records is named in lower-case ASCII words, so a
clock that stops ``upon: 上门`` would never stop, and ``validate`` must say so where it is
written. A name a letter off a known one (``opend``) is only a warning: it may be an event
the organisation records itself."""

from __future__ import annotations

from collections.abc import Iterable

from complaintkit.errors import Location, Problem
from complaintkit.model.custom_events import NAME, RECORDED, misspelt
from complaintkit.model.lifecycle import Status

#: every name an event's kind or a status change can carry without being recorded by name
_KNOWN = RECORDED | {s.value for s in Status}


def signal_problems(names: Iterable[str], where: Location, what: str) -> list[Problem]:
    """An error for each of ``names`` no event can carry, a warning for one that looks
    misspelt; ``what`` says what the library calls the known names ("event or status")."""
    found = []
    for name in names:
        if name not in _KNOWN and not NAME.match(name):
            found.append(
                Problem(
                    where,
                    f"{name!r} can never happen: no {what} is called so, and an event your "
                    "SOP records is named in lower-case ASCII words joined by _",
                    "write a lower-case name, e.g. site_visit for 上门 (recorded with "
                    "complaintkit cases event CASE site_visit, or record: site_visit in a "
                    "policy test)",
                    code="unknown-event",
                )
            )
        elif (close := misspelt(name, _KNOWN)) is not None:
            found.append(
                Problem(
                    where,
                    f"no {what} is called {name!r}",
                    f"did you mean {close}? (an event your SOP records itself is fine)",
                    severity="warning",
                    code="unknown-event",
                )
            )
    return found
