"""Events an organisation names itself: a holding reply, a site visit, a call back.

SOPs have steps the library does not know (FCA DISP's holding reply, a property manager's
site visit). An agent records one by name; the case keeps how often each happened, so
conditions read ``case.events.holding_reply`` (a count), and anything that watches event
kinds (notification rules, SLA clocks) sees the name as the event's kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.jsonvalues import plain_mapping
from complaintkit.model.lifecycle import Status
from complaintkit.policy.as_written import shorten
from complaintkit.policy.typos import close_matches

#: An event name: lower-case words joined by underscores.
NAME: Final = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
#: Statuses: a signal of one's name is the case reaching it.
_STATUS_NAMES: Final = frozenset(status.value for status in Status)
#: ``case.attributes`` key holding ``{name: count}``.
COUNTS: Final = "events"
#: Kinds the library records itself; a custom event may not take their names.
BUILTIN: Final = frozenset(
    {
        "opened", "complaint_added", "classified", "assigned", "responded", "noted",
        "transitioned", "root_cause", "satisfaction", "fields_set", "facts_set", "escalated",
        "approval_requested", "incident_detected", "notification_requested", "sla_scheduled",
        "deadline_promised", "policy_migrated", "compensation_proposed",
        "compensation_approved", "compensation_rejected", "compensation_offered",
        "compensation_accepted", "compensation_declined", "compensation_answer_refused",
        "escalation_skipped",
    }
)  # fmt: skip


#: Every event kind the library records: its own and the SLA engine's
#: (``tests/model/test_recorded_kinds.py`` scans the sources for them).
RECORDED: Final = BUILTIN | {
    f"sla_{kind}"
    for kind in (
        "started", "warning", "breached", "extended", "extension_late", "not_extended", "paused",
        "rebased", "restarted", "resumed", "scheduled", "stopped",
    )
}  # fmt: skip


def misspelt(name: object, known: Iterable[str] = RECORDED) -> str | None:
    """The known name ``name`` is a letter or so off (``opend``: opened), if any; a name
    the library does not know may still be an event an organisation records itself."""
    names = sorted(known)
    if not isinstance(name, str) or name in names:
        return None
    close = close_matches(name, names, n=1, cutoff=0.8)
    return close[0] if close else None


def refused_name(name: object) -> str | None:
    """Why ``name`` cannot name a custom event, or None: not lower-case words joined by
    ``_``, an event the library records itself, or a case status."""
    if not isinstance(name, str) or not NAME.match(name):
        shown = shorten(repr(name))
        return f"{shown} is not an event name; use lower-case words joined by _"
    if name in BUILTIN or name.startswith(("sla_", "compensation_")):
        return f"{name!r} is an event the library records itself"
    if name in _STATUS_NAMES:  # clocks and ladders hear it as the case reaching the status
        return (
            f"{name!r} is a case status, which SLA clocks and ladders would hear as the case "
            f"reaching it; move the case there, or name the event otherwise ({name}_note)"
        )
    return None


def custom_draft(
    name: str, actor: str, reason: str = "", data: Mapping[str, Any] | None = None
) -> Draft:
    """The event recording ``name``; refuses names that are not identifiers or are taken
    (``refused_name``), and data that is not a mapping."""
    why = refused_name(name)
    if why is not None:
        raise InvalidInput("event", why)
    kept = {} if data is None else plain_mapping(data, "data")
    return Draft(name, {**kept, "custom": True}, reason, actor)


def count(case: Case, name: str) -> None:
    """Fold one custom event into the case's counts."""
    counts = dict(case.attributes.get(COUNTS) or {})
    counts[name] = int(counts.get(name, 0)) + 1
    case.attributes = {**case.attributes, COUNTS: counts}
