"""A step ``at: 1 day`` is the same wall-clock time the next day on the policy's calendar,
as a ``1 day`` SLA target is (docs/sla.md: calendar days are local days, 23 or 25 hours
across a change of summer time); hours stay elapsed time.

Found: received at 09:00 in London the day before the clocks went forward, ``at: 1 day``
was 24 h later, 10:00 BST — an hour after the 1-day deadline fell due — so ``{at: 1 day,
tick: true}`` saw a breach the author did not write, and ``at: 1 day`` across the autumn
change came an hour before the deadline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.policytest.runner import Runner
from complaintkit.policytest.spec import load_test_file, offset

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _files(tmp_path: Path, zone: str, received: str) -> Path:
    (tmp_path / "p.yaml").write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        f"calendars:\n  home: {{timezone: {zone}, hours: {{daily: ['00:00-24:00']}}}}\n"
        "sla:\n  calendar: home\n  targets:\n    - {first_response: 1 day, resolution: 2 days}\n",
        "utf-8",
    )
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        f'policy: p.yaml\nreceived_at: "{received}"\ntests:\n'
        "  - name: a day later is the deadline's wall-clock time\n"
        "    complaint: {text: 快递还没送}\n"
        "    steps:\n"
        "      - {at: 1 day, tick: true, expect: {escalation_level: 0}}\n"
        "      - {at: 1 day 2h, tick: true}\n"
        "      - {at: 36h, tick: true}\n",
        "utf-8",
    )
    return tests


@pytest.mark.parametrize(
    ("zone", "received", "day_later"),
    [
        ("Europe/London", "2026-03-28T09:00:00+00:00", "2026-03-29T09:00:00+01:00"),
        ("Europe/London", "2026-10-24T09:00:00+01:00", "2026-10-25T09:00:00+00:00"),
        ("America/New_York", "2026-03-07T09:00:00-05:00", "2026-03-08T09:00:00-04:00"),
        ("America/New_York", "2026-10-31T09:00:00-04:00", "2026-11-01T09:00:00-05:00"),
    ],
)
def test_a_day_is_a_calendar_day_on_the_policys_wall_clock(
    tmp_path: Path, zone: str, received: str, day_later: str
) -> None:
    test_file = Runner().load_file(_files(tmp_path, zone, received))
    day, day_and_two_hours, hours = (step.at for step in test_file.tests[0].steps)
    assert day == datetime.fromisoformat(day_later)
    assert day_and_two_hours == datetime.fromisoformat(day_later) + timedelta(hours=2)
    assert hours == datetime.fromisoformat(received) + timedelta(hours=36)


def test_half_an_hour_before_a_two_day_deadline_is_not_past_it(tmp_path: Path) -> None:
    """1 day 23h30m after 09:00 on 28 March in London is 08:30 BST on the 30th, half an
    hour before the 2-day resolution deadline; counted as 48 h it was 09:30, past it."""
    tests = _files(tmp_path, "Europe/London", "2026-03-28T09:00:00+00:00")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        policy.read_text("utf-8") + "escalation:\n  ladders:\n    - name: late\n      levels:\n"
        "        - {name: late, trigger: {sla: resolution, elapsed: 1.0}, "
        "actions: [{add_tags: [late]}]}\n",
        "utf-8",
    )
    tests.write_text(
        tests.read_text("utf-8").split("    steps:")[0]
        + "    steps:\n"
        + "      - {at: 1 day 23h30m, tick: true, expect: {escalation_level: 0}}\n"
        + "      - {at: 2 days 1m, tick: true, expect: {escalation_level: 1}}\n",
        "utf-8",
    )
    (result,) = Runner().run_file(tests)
    assert result.passed, result


def test_without_a_policy_zone_a_day_is_24_hours_in_the_written_offset(tmp_path: Path) -> None:
    tests = _files(tmp_path, "Europe/London", "2026-03-28T09:00:00+00:00")
    (step, *_) = load_test_file(tests).tests[0].steps
    assert step.at == datetime.fromisoformat("2026-03-29T09:00:00+00:00")


@settings(max_examples=200)
@example(datetime(2000, 10, 28, tzinfo=UTC), "Europe/London", 1)  # 01:00 twice the next day
@example(datetime(2010, 11, 7, 6, tzinfo=UTC), "America/New_York", 1)  # the second 01:00
@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
        max_value=datetime(2037, 12, 31),  # noqa: DTZ001
        timezones=st.just(ZoneInfo("UTC")),
    ),
    st.sampled_from(["Europe/London", "America/New_York", "Asia/Shanghai"]),
    st.integers(min_value=1, max_value=40),
)
def test_n_days_keep_the_wall_clock_and_hours_are_elapsed(
    instant: datetime, zone: str, days: int
) -> None:
    home = ZoneInfo(zone)
    later = offset(f"{days} days", instant, "at", home)
    wall = instant.astimezone(home).replace(tzinfo=None) + timedelta(days=days)
    exists = wall.replace(tzinfo=home).astimezone(UTC).astimezone(home).replace(tzinfo=None)
    if exists == wall:  # not a time the clocks skip
        assert later.astimezone(home).replace(tzinfo=None) == wall
    assert abs(later - instant - timedelta(days=days)) <= timedelta(hours=1)
    # the same instant: compared by timestamp, as Python never finds a wall time the clocks
    # repeat (01:00 London as summer time ends) equal to a time in another zone
    hours = offset(f"{days * 24}h", instant, "at", home)
    assert hours.timestamp() == (instant + timedelta(days=days)).timestamp()
