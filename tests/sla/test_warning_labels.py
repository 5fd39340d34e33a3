"""A warning at a fraction is named by that fraction as a percentage, in full: the name is
what a clock records as given, so two warnings whose percentages round alike (0.5 and
0.504, both "50%" to the nearest whole one) were one warning, at the later instant."""

from __future__ import annotations

from datetime import timedelta

from sla_helpers import START, complaint, make_desk

from complaintkit.sla.policy import compile_sections


def test_two_warnings_within_one_percent_are_both_given_at_their_instants() -> None:
    desk, clock = make_desk(
        {"sla": {"warnings": [0.5, 0.504], "targets": [{"first_response": "100h"}]}}
    )
    case_id = desk.intake(complaint()).id
    clock.set(START + timedelta(hours=60))
    desk.tick()
    given = [
        (e.data["label"], e.data["due_at"])
        for e in desk.history(case_id)
        if e.kind == "sla_warning"
    ]
    assert given == [
        ("50%", (START + timedelta(hours=50)).isoformat()),
        ("50.4%", (START + timedelta(hours=50, minutes=24)).isoformat()),
    ]


def test_a_level_at_a_share_that_is_no_whole_percentage_is_described_by_it() -> None:
    sla = compile_sections(
        {
            "sla": {"targets": [{"resolution": "8h"}]},
            "escalation": {
                "ladders": [
                    {
                        "name": "std",
                        "levels": [
                            {
                                "name": "late",
                                "trigger": {"sla": "resolution", "elapsed": 0.875},
                                "actions": [{"add_tags": ["late"]}],
                            }
                        ],
                    }
                ]
            },
        }
    )
    assert sla is not None
    (level,) = sla.ladders[0].levels
    assert level.trigger.describe() == "87.5% of resolution elapsed"
