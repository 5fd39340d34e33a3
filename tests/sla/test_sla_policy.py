"""The calendars, sla and escalation sections: schema fragments and compilation errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema
import pytest
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.errors import PolicyError
from complaintkit.sla.explain import explain_deadlines, render_deadlines
from complaintkit.sla.policy import compile_sections
from complaintkit.sla.schema import SCHEMA


def problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        compile_sections(document)
    return [(p.location.path, p.message) for p in caught.value.problems]


def test_schema_fragments_are_valid_json_schema() -> None:
    for fragment in SCHEMA.values():
        jsonschema.Draft202012Validator.check_schema(fragment)
    validator = jsonschema.Draft202012Validator(SCHEMA["sla"])
    assert not list(validator.iter_errors({"targets": [{"first_response": "24h"}]}))
    assert list(validator.iter_errors({"targets": [{"first_response": 24}]}))


def test_no_sections_compile_to_none() -> None:
    assert compile_sections({"name": "x"}) is None


def test_every_problem_is_reported_with_its_path() -> None:
    found = problems(
        {
            "calendars": {"office": OFFICE, "both": {"intersect": ["office", "nowhere"]}},
            "sla": {
                "warnings": ["soon"],
                "targets": [{"first_response": "tomorrow", "visits": "2h"}],
                "metrics": {"visits": {"start": ["opened"]}},
            },
            "escalation": {
                "ladders": [
                    {
                        "name": "l",
                        "levels": [
                            {
                                "name": "a",
                                "trigger": {"sla": "nope", "elapsed": 1},
                                "actions": [{"notify": {}}],
                            }
                        ],
                    }
                ]
            },
        }
    )
    paths = [path for path, _ in found]
    assert paths == [
        "calendars.both.intersect",
        "sla.metrics.visits",
        "sla.targets[0].first_response",
        "sla.warnings[0]",
        "escalation.ladders[0].levels[0].trigger.sla",
        "escalation.ladders[0].levels[0].actions[0].notify",
    ]


def test_unknown_calendar_names_the_known_ones() -> None:
    [(path, message)] = problems(
        {"sla": {"targets": [{"resolution": {"within": "3 business days", "calendar": "shop"}}]}}
    )
    assert path == "sla.targets[0].resolution.calendar"  # the error points at the calendar it names
    assert "shop" in message


def test_composed_calendar_and_fixed_offset_warning() -> None:
    document = {
        "calendars": {
            "office": OFFICE,
            "holidays": {
                "timezone": "Asia/Shanghai",
                "hours": {"mon-sun": ["00:00-24:00"]},
                "holidays": ["2026-03-03"],
            },
            "support": {"intersect": ["office", "holidays"]},
        },
        "sla": {
            "calendar": "support",
            "targets": [
                {"resolution": {"within": "16 business hours", "warnings": ["30 minutes before"]}}
            ],
        },
    }
    desk, _ = make_desk(document)
    case = desk.intake(complaint())
    state = case.clocks.metrics["resolution"]
    # Mon 7.5h + Wed 7.5h + Thu 1h (Tuesday is a holiday): Thu 10:00 Shanghai
    assert state.due_at == datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
    assert state.thresholds == {"30 minutes before": timedelta(minutes=16 * 60 - 30)}


def test_explain_lists_computation_and_ladder_timeline() -> None:
    document = {
        "sla": {"targets": [{"first_response": "10h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "std",
                    "levels": [
                        {
                            "name": "lead",
                            "trigger": {"sla": "first_response", "elapsed": 0.5},
                            "actions": [{"notify": {"role": "lead"}}],
                        },
                        {
                            "name": "boss",
                            "trigger": {"sla": "first_response", "elapsed": 1.5},
                            "actions": [{"notify": {"role": "boss"}}],
                        },
                    ],
                }
            ]
        },
    }
    desk, clock = make_desk(document)
    case = desk.intake(complaint())
    clock.advance(timedelta(hours=6))
    desk.tick()
    case = desk.get(case.id)
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, clock.now())
    [metric] = report["metrics"]
    assert (metric["target"], metric["time"], metric["used"]) == ("10h", "calendar", "6 hours")
    assert metric["due_at"] == (START + timedelta(hours=10)).isoformat()
    assert [(lv["level"], lv["fired_at"], lv["fires_at"]) for lv in report["levels"]] == [
        ("lead", (START + timedelta(hours=6)).isoformat(), None),
        ("boss", None, (START + timedelta(hours=15)).isoformat()),
    ]
    assert any("fires" in line for line in render_deadlines(report))


def test_every_bad_entry_of_a_calendar_is_reported_and_its_name_stays_known() -> None:
    shop = {
        **OFFICE,
        "holidays": ["2026-13-01", "2026-10-01", "yesterday"],
        "working_days": {"2026-02-31": "mon", "2026-06-06": "funday", "2026-06-07": "sat"},
        "closing": "18:00",
    }
    found = problems(
        {
            "calendars": {"shop": shop, "both": {"union": ["shop", "office"]}, "office": OFFICE},
            "sla": {"calendar": "shop", "targets": [{"resolution": "3 business days"}]},
        }
    )
    assert [path for path, _ in found] == [
        "calendars.shop.closing",
        "calendars.shop.working_days.2026-02-31",
        "calendars.shop.working_days.2026-06-06",
        "calendars.shop.working_days.2026-06-07",
        "calendars.shop.holidays[0]",
        "calendars.shop.holidays[2]",
    ]  # and no "unknown calendar 'shop'" where the policy names it


def test_a_signal_a_letter_off_an_event_or_status_is_a_warning() -> None:
    # start: [opend] and stop: [resolvd] validated: the clock never started, or never stopped
    document = {
        "sla": {
            "metrics": {"fix": {"start": ["opend"], "stop": ["resolvd", "holding_reply"]}},
            "targets": [{"fix": {"within": "2h", "extend": [{"upon": "respondd", "by": "1h"}]}}],
        }
    }
    policy = compile_sections(document)
    assert policy is not None
    found = [(p.severity, p.location.path, p.hint) for p in policy.problems]
    assert found == [
        (
            "warning",
            "sla.metrics.fix.start",
            "did you mean opened? (an event your SOP records itself is fine)",
        ),
        (
            "warning",
            "sla.metrics.fix.stop",
            "did you mean resolved? (an event your SOP records itself is fine)",
        ),
        (
            "warning",
            "sla.targets[0].fix.extend[0].upon",
            "did you mean responded? (an event your SOP records itself is fine)",
        ),
    ]


def test_a_ladder_since_a_misspelt_event_warns_and_an_empty_tag_is_an_error() -> None:
    # since: respondd never fired; add_tags: [""] tagged every escalated case with nothing
    level: dict[str, Any] = {"name": "a", "trigger": {"since": "respondd", "after": "2h"}}
    ladders: dict[str, Any] = {
        "ladders": [{"name": "l", "levels": [{**level, "actions": [{"add_tags": ["x"]}]}]}]
    }
    document = {"sla": {"targets": [{"resolution": {"within": "2h"}}]}, "escalation": ladders}
    policy = compile_sections(document)
    assert policy is not None
    (warning,) = policy.problems
    assert warning.location.path == "escalation.ladders[0].levels[0].trigger.since"
    assert "responded" in warning.hint
    ladders["ladders"][0]["levels"][0]["actions"] = [{"add_tags": [" "]}]
    assert [path for path, _ in problems(document)] == [  # the warning stays beside the error
        "escalation.ladders[0].levels[0].actions[0].add_tags",
        "escalation.ladders[0].levels[0].trigger.since",
    ]


@pytest.mark.parametrize("fraction", [1, 1.0, 1.5, 1000000])
def test_a_warning_at_or_past_the_whole_target_is_an_error(fraction: float) -> None:
    """A warning of 1.0 or more fires at the breach or after it, when it warns of nothing."""
    found = problems({"sla": {"warnings": [0.5, fraction], "targets": [{"resolution": "2h"}]}})
    ((path, message),) = found
    assert path == "sla.warnings[1]"
    assert "at or after the deadline" in message


@pytest.mark.parametrize("written", ["0 minutes before", "0h before", "0s before"])
def test_a_warning_no_time_before_the_deadline_is_an_error(written: str) -> None:
    """It fires at the deadline, with the breach, as a warning of 1.0 would."""
    found = problems({"sla": {"warnings": [0.5, written], "targets": [{"resolution": "2h"}]}})
    ((path, message),) = found
    assert path == "sla.warnings[1]"
    assert "at the deadline" in message


@pytest.mark.parametrize("fraction", [0, 0.0])
def test_a_warning_of_nothing_used_says_it_would_come_at_the_start(fraction: float) -> None:
    found = problems({"sla": {"warnings": [fraction], "targets": [{"resolution": "2h"}]}})
    ((path, message),) = found
    assert path == "sla.warnings[0]"
    assert "when the clock starts" in message
