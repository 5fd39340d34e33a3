"""Countries whose ``holidays`` data by default closes fewer days than offices there close.

Hong Kong has two lists: the statutory holidays of the Employment Ordinance (the package's
default, ``public``) and the general holidays of the General Holidays Ordinance (Cap. 149,
``optional``), on which banks and courts close and to which Cap. 1 s. 71 moves a period's
last day. ``holiday_country: HK`` alone misses Good Friday 2026, so ``validate`` asks the
author to choose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.policy import SlaPolicy

#: Country: (the category offices close on, what it holds, what the default holds).
OFFICE_CATEGORIES: Final = {
    "HK": (
        "optional",
        "the general holidays (Cap. 149) banks close on, Good Friday among them",
        "the statutory holidays of the Employment Ordinance",
    ),
}


def category_problems(policy: SlaPolicy, locate: Callable[[str], Location]) -> list[Problem]:
    """A warning per calendar of such a country that does not name its categories."""
    problems = []
    for name, calendar in sorted(policy.calendars.items()):
        if not isinstance(calendar, BusinessCalendar) or calendar.holiday_categories:
            continue
        choice = OFFICE_CATEGORIES.get(calendar.holiday_country or "")
        if choice is None:
            continue
        category, office, default = choice
        problems.append(
            Problem(
                locate(f"calendars.{name}.holiday_country"),
                f"calendar {name!r} closes only {default} (the holidays package's "
                f"default for {calendar.holiday_country}), not {office}",
                f"add holiday_categories: [{category}] to close them, or "
                "holiday_categories: [public] to keep the statutory ones (docs/sla.md#calendars)",
                severity="warning",
                code="holiday-categories",
            )
        )
    return problems
