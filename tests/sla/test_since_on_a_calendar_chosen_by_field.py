"""A ``since`` trigger may count on a calendar chosen by a field of the case, as a target
does: it was one fixed calendar, so a Scottish case's "1 business day since the reply"
counted England's bank holidays, and the schema refused ``{field, map, default}`` there."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.errors import PolicyError
from complaintkit.sla.policy import compile_sections

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 11, 27, 9, tzinfo=LONDON)  # Friday; Monday 30th is St Andrew's Day


def _calendar(subdivision: str) -> dict[str, Any]:
    return {
        "timezone": "Europe/London",
        "hours": {"mon-fri": ["09:00-17:00"]},
        "holiday_country": "GB",
        "holiday_subdivision": subdivision,
    }


def _document(calendar: object) -> dict[str, Any]:
    trigger = {"since": "responded", "after": "1 business day", "calendar": calendar}
    return {
        "calendars": {"england": _calendar("ENG"), "scotland": _calendar("SCT")},
        "sla": {"calendar": "england", "warnings": [], "targets": [{"resolution": "1000h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "standard",
                    "levels": [
                        {"name": "chase", "trigger": trigger, "actions": [{"add_tags": ["chase"]}]}
                    ],
                }
            ]
        },
    }


BY_REGION = {
    "field": "complaint.attributes.region",
    "map": {"scotland": "scotland"},
    "default": "england",
}


@pytest.mark.parametrize(
    ("region", "fires"),
    [
        ("england", datetime(2026, 11, 30, 17, tzinfo=LONDON)),
        ("scotland", datetime(2026, 12, 1, 17, tzinfo=LONDON)),
    ],
)
def test_a_since_level_counts_on_the_calendar_the_case_chooses(
    region: str, fires: datetime
) -> None:
    desk, clock = make_desk(_document(BY_REGION), start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED, region=region)).id
    clock.set(datetime(2026, 11, 27, 10, tzinfo=LONDON))
    desk.respond(case_id, "We are looking into it", actor="jo")
    assert desk.get(case_id).next_deadline == fires
    clock.set(fires)
    desk.tick()
    assert "chase" in desk.get(case_id).tags


def test_a_since_calendar_chosen_by_field_names_calendars_that_exist() -> None:
    with pytest.raises(PolicyError, match="unknown calendar 'wales'"):
        compile_sections(_document({**BY_REGION, "map": {"wales": "wales"}}))
