"""Which ladder a case climbs when the policy changes under it (``sla.pending``).

A case keeps to the ladder it started on by name. A new policy version that renames that
ladder (or drops it) must not leave the case's remaining levels silent: it goes on by the
first ladder whose ``when`` holds, and the levels it already passed by name stay fired.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sla_helpers import OFFICE, complaint, make_desk

H = timedelta(hours=1)


def ladders(name: str) -> dict[str, Any]:
    return {
        "calendars": {"office": OFFICE},
        "sla": {"targets": [{"first_response": "4h"}], "warnings": []},
        "escalation": {
            "ladders": [
                {
                    "name": name,
                    "levels": [
                        {
                            "name": "half",
                            "trigger": {"sla": "first_response", "elapsed": 0.5},
                            "actions": [{"add_tags": ["half"]}],
                        },
                        {
                            "name": "late",
                            "trigger": {"sla": "first_response", "elapsed": 1.0},
                            "actions": [{"add_tags": ["late"]}],
                        },
                    ],
                }
            ]
        },
    }


def fired(desk: Any, case_id: str) -> list[tuple[str, str]]:
    return [
        (e.data["ladder"], e.data["level"]) for e in desk.history(case_id) if e.kind == "escalated"
    ]


def test_a_case_goes_on_escalating_after_its_ladder_is_renamed() -> None:
    old, clock = make_desk(ladders("standard"), version="1")
    case_id = old.intake(complaint()).id
    clock.advance(3 * H)
    old.tick()
    assert fired(old, case_id) == [("standard", "half")]
    desk, _ = make_desk(ladders("std"), version="2")
    desk.storage, desk.clock = old.storage, clock
    clock.advance(2 * H)
    desk.tick()
    assert fired(desk, case_id) == [("standard", "half"), ("std", "late")]
    assert desk.get(case_id).tags == ("half", "late")
