"""Every duration ``parse_duration`` accepts falls due from any instant a complaint may carry;
a calendar too sparse for its target says which calendar it is instead of overflowing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import ConfigError, InvalidInput, PolicyError
from complaintkit.model.complaint import RECEIVED_YEARS
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import MAX_DAYS, DurationTooLong, parse_duration
from complaintkit.sla.policy import compile_sections

OFFICE = BusinessCalendar(
    "Asia/Shanghai", {"mon-fri": ["09:00-12:00", "13:30-18:00"]}, holiday_country="CN"
)
CALENDARS = [BusinessCalendar.always(), BusinessCalendar.always("America/New_York"), OFFICE]
UNITS = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"]
RECEIVED = st.datetimes(
    min_value=datetime(RECEIVED_YEARS.start, 1, 1),  # noqa: DTZ001 - naive bounds for hypothesis
    max_value=datetime(RECEIVED_YEARS.stop - 1, 12, 31, 23, 59),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, ZoneInfo("Asia/Shanghai"), ZoneInfo("Pacific/Kiritimati")]),
)


@st.composite
def durations(draw: st.DrawFn) -> str:
    """Duration text near and beyond the bound, business or calendar."""
    terms = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    business = draw(st.booleans())
    scale = {"years": 100, "months": 1200, "weeks": 5217, "days": MAX_DAYS}
    parts = []
    for unit in terms:
        limit = scale.get(unit, MAX_DAYS * 24 * (60 if unit != "hours" else 1))
        amount = draw(st.integers(0, limit * 2) | st.sampled_from([limit, limit + 1]))
        parts.append(f"{amount} {'business ' if business else ''}{unit}")
    return " ".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=durations(), received=RECEIVED, calendar=st.sampled_from(CALENDARS))
def test_any_accepted_duration_falls_due_from_any_receipt(
    text: str, received: datetime, calendar: BusinessCalendar
) -> None:
    try:
        duration = parse_duration(text)
    except InvalidInput:
        return
    due = calendar.deadline(received, duration)
    assert due >= received
    assert due - received <= timedelta(days=MAX_DAYS * 8)


@pytest.mark.parametrize("text", ["36526 days", "1201 months", "876601 hours", "5218 weeks"])
def test_a_duration_past_a_century_is_refused_with_the_bound(text: str) -> None:
    with pytest.raises(DurationTooLong) as refused:
        parse_duration(text)
    assert "100 years" in refused.value.message
    assert "1200 months" in refused.value.hint


def test_business_time_past_the_last_date_names_the_calendar() -> None:
    sparse = BusinessCalendar("UTC", {"sat": ["10:00-10:01"]}, name="sparse")
    with pytest.raises(ConfigError, match="'sparse'"):
        sparse.deadline(datetime(9999, 1, 1, tzinfo=UTC), parse_duration("200 business hours"))
    with pytest.raises(ConfigError, match="'sparse'"):
        sparse.deadline(datetime(9999, 1, 1, tzinfo=UTC), parse_duration("99 business days"))


def test_a_calendar_without_working_time_is_named_by_its_policy_key() -> None:
    policy = compile_sections(
        {"calendars": {"n": {"timezone": "Asia/Shanghai", "hours": {}}}, "sla": {"targets": []}}
    )
    assert policy is not None
    with pytest.raises(ConfigError) as refused:
        policy.calendars["n"].add(datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=1))
    assert "calendar 'n'" in str(refused.value)
    assert "BusinessCalendar(" not in str(refused.value)


def test_a_composed_calendar_without_working_time_is_refused_where_defined() -> None:
    with pytest.raises(PolicyError) as refused:
        compile_sections(
            {
                "calendars": {
                    "weekdays": {"timezone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}},
                    "weekends": {"timezone": "UTC", "hours": {"sat-sun": ["09:00-17:00"]}},
                    "never": {"intersect": ["weekdays", "weekends"]},
                },
                "sla": {
                    "targets": [{"resolution": {"within": "2 business days", "calendar": "never"}}]
                },
            }
        )
    assert [p.location.path for p in refused.value.problems] == ["calendars.never"]


@pytest.mark.parametrize("rule", [{"after_hours": "next_opening"}, {"roll": "next_business_day"}])
def test_a_calendar_a_target_seeks_an_opening_on_must_have_working_time(
    rule: dict[str, str],
) -> None:
    """15 calendar days need no working time, but counting from the next opening or rolling
    to the next business day does: without any, every intake failed after searching ten
    years, or the period silently rolled 366 days to a date no rule gives."""
    with pytest.raises(PolicyError) as refused:
        compile_sections(
            {
                "calendars": {"n": {"timezone": "Asia/Shanghai", "hours": {}}},
                "sla": {
                    "calendar": "n",
                    "targets": [{"resolution": {"within": "15 days", **rule}}],
                },
            }
        )
    assert [p.location.path for p in refused.value.problems] == ["calendars.n.hours"]
    assert "working time" in refused.value.problems[0].message


def _escalating(target: str, elapsed: float) -> dict[str, object]:
    return {
        "calendars": {
            "office": {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-18:00"]}}
        },
        "sla": {
            "calendar": "office",
            "targets": [
                {"when": {"field": "case.priority", "==": "urgent"}, "resolution": target},
                {"resolution": "1 day"},
            ],
        },
        "escalation": {
            "ladders": [
                {
                    "name": "l",
                    "levels": [
                        {
                            "name": "late",
                            "trigger": {"sla": "resolution", "elapsed": elapsed},
                            "actions": [{"add_tags": ["late"]}],
                        }
                    ],
                }
            ]
        },
    }


@pytest.mark.parametrize("target", ["5 business days", "5 days", "90 business hours"])
def test_a_level_past_a_century_of_its_target_is_refused_at_its_elapsed(target: str) -> None:
    # it validated; then every complaint was dead-lettered ('date value out of range', or
    # business time running past the last date) and explain ended in a traceback
    with pytest.raises(PolicyError) as refused:
        compile_sections(_escalating(target, 1_000_000))
    (problem,) = refused.value.problems
    assert problem.location.path == "escalation.ladders[0].levels[0].trigger.elapsed"
    assert "100 years" in problem.message


def test_a_level_at_a_few_times_its_target_is_kept() -> None:
    assert compile_sections(_escalating("5 business days", 3)) is not None


@pytest.mark.parametrize("text", ["-2h", " -3 business days", "-1 天", "P-1D", "PT-2H"])
def test_a_negative_duration_says_it_is_negative(text: str) -> None:
    # '-2h' said "cannot read '-2h' at '-2h'", as if the unit were unknown
    with pytest.raises(InvalidInput, match="negative"):
        parse_duration(text)
