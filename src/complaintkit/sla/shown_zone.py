"""Where a case's instants are shown to people: letters, the status page, explain, the CLI.

A calendar the policy declares keeps time in its zone, and its instants are shown there.
A policy without a calendar of its own counts on the built-in ``24x7``, which keeps UTC: a
zone no author wrote. A shop in Shanghai would tell a customer who complained at 09:00
+08:00 that it was received at 01:00, so such a case's instants are shown in the offset
its complaint was received in instead. Only how instants are shown: deadlines, stored
instants and the days a clock counts are untouched.

The zones are worked out once per policy (``declared_zones``); showing a case's instant is
then a dictionary lookup, nothing parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import tzinfo

import attrs

from complaintkit.model.case import Case
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.schema import ALWAYS

#: The zone a calendar's instants are shown in, by its name (None: the policy's default
#: calendar); None when the policy declares no zone for it (the built-in 24x7).
ZoneOf = Callable[[str | None], tzinfo | None]

_BUILT_IN = BusinessCalendar.always()


@attrs.frozen
class DeclaredZones:
    """The zones of the calendars a policy declares, and its home zone: its default
    calendar's, when that is one of its own."""

    by_calendar: Mapping[str, tzinfo]
    home: tzinfo | None

    def __call__(self, calendar: str | None) -> tzinfo | None:
        """``calendar``'s zone; the home zone for None, the built-in 24x7 or a name a later
        version of the policy dropped."""
        return self.by_calendar.get(calendar or "", self.home)


def declared_zones(sla: SlaPolicy | None) -> DeclaredZones | None:
    """The zones ``sla`` declares, None without an SLA section (every instant is then shown
    in its complaint's received offset)."""
    if sla is None:
        return None
    by_calendar = {
        name: calendar.zone
        for name, calendar in sla.calendars.items()
        if not (name == ALWAYS and calendar == _BUILT_IN)
    }
    return DeclaredZones(by_calendar, by_calendar.get(sla.default_calendar))


def shown_zone(case: Case, zone_of: ZoneOf | None, calendar: str | None = None) -> tzinfo:
    """The zone to show ``case``'s instants in (a deadline counted on ``calendar``): the
    calendar's declared zone, else the policy's home zone, else the offset the complaint was
    received in (``received_at`` is always aware)."""
    zone = None if zone_of is None else zone_of(calendar)
    if zone is not None:
        return zone
    received = case.complaint.received_at.tzinfo
    assert received is not None  # a Complaint refuses a naive received_at
    return received
