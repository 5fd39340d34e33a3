"""A composed calendar one side of which has no weekly hours works only on the dates that
side lists, so after them a business-time target could never fall due: such a policy is
refused when loaded, as the side alone is, rather than failing each complaint received
after its last date."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.sla.policy import compile_sections

ONCE = {"timezone": "UTC", "hours": {}, "working_days": {"2026-03-02": ["09:00-17:00"]}}
WEEKDAYS = {"timezone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}}


@pytest.mark.parametrize("composed", [["once", "weekdays"], ["weekdays", "once"]])
def test_an_intersection_with_a_calendar_of_listed_dates_only_is_refused(
    composed: list[str],
) -> None:
    document = {
        "calendars": {"once": ONCE, "weekdays": WEEKDAYS, "both": {"intersect": composed}},
        "sla": {"calendar": "both", "targets": [{"resolution": "5 business days"}]},
    }
    with pytest.raises(PolicyError) as raised:
        compile_sections(document)
    assert "'both' has no working time" in str(raised.value)


def test_a_union_with_a_calendar_of_listed_dates_only_is_loaded() -> None:
    document = {
        "calendars": {
            "once": ONCE,
            "weekdays": WEEKDAYS,
            "either": {"union": ["once", "weekdays"]},
        },
        "sla": {"calendar": "either", "targets": [{"resolution": "5 business days"}]},
    }
    assert compile_sections(document) is not None
