"""A warning at a fraction is named by that fraction as a percentage, in full: the name is
what a clock records as given, so two warnings whose percentages round alike (0.5 and
0.504, both "50%" to the nearest whole one) were one warning, at the later instant."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.sla import warning_points
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


def test_a_warning_a_clock_stored_under_its_rounded_name_is_not_given_again_when_extended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock started before warnings were named in full recorded 87.5% as "88%": an
    extension moves its warnings under their new names, and the one given is still given."""
    document = {
        "sla": {
            "warnings": [0.875],
            "targets": [
                {"resolution": {"within": "100h", "extend": [{"upon": "extended", "by": "100h"}]}}
            ],
        }
    }
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    with monkeypatch.context() as older:
        older.setattr(warning_points, "percentage", lambda fraction: f"{fraction:.0%}")
        desk, clock = make_desk(document, storage=store)
    case_id = desk.intake(complaint()).id
    clock.set(START + timedelta(hours=90))
    desk.tick()
    assert [e.data["label"] for e in desk.history(case_id) if e.kind == "sla_warning"] == ["88%"]
    upgraded, clock = make_desk(document, start=START + timedelta(hours=91), storage=store)
    upgraded.record_event(case_id, "extended", actor="li.na")
    clock.set(START + timedelta(hours=199))
    upgraded.tick()
    given = [e.data["label"] for e in upgraded.history(case_id) if e.kind == "sla_warning"]
    assert given == ["88%"]
