"""A policy with SLA targets but no calendar of its own (its clocks count on the built-in
``24x7``) has no home zone: its test steps are counted and shown in the offset the
complaint was received in, not in UTC, which the author never wrote.

Found: received at ``2026-11-23T09:00:00+08:00``, a step ``at: 3h`` out of order was
reported as ``2026-11-23T04:00:00+00:00``, and every step instant was held in UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policytest.runner import Runner

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _files(folder: Path, received: str, steps: str, calendars: str = "") -> Path:
    (folder / "p.yaml").write_text(
        f"complaintkit: 1\nextends: {BASE}\n{calendars}"
        "sla:\n  targets:\n    - {first_response: 24h, resolution: 3 days}\n",
        "utf-8",
    )
    tests = folder / "p.tests.yaml"
    tests.write_text(
        f'policy: p.yaml\nreceived_at: "{received}"\ntests:\n'
        f"  - name: steps\n    complaint: {{text: 快递还没送}}\n"
        f"    expect: {{priority: normal}}\n    steps:\n{steps}",
        "utf-8",
    )
    return tests


def test_steps_are_in_the_complaints_offset(tmp_path: Path) -> None:
    steps = "      - {at: 2h, respond: hi}\n      - {at: 1 day, tick: true}\n"
    test_file = Runner().load_file(_files(tmp_path, "2026-11-23T09:00:00+08:00", steps))
    first, second = (step.at for step in test_file.tests[0].steps)
    assert first is not None
    assert second is not None
    assert first.isoformat() == "2026-11-23T11:00:00+08:00"
    assert second.isoformat() == "2026-11-24T09:00:00+08:00"


def test_a_step_out_of_order_is_reported_in_the_complaints_offset(tmp_path: Path) -> None:
    steps = "      - {at: 1 day, tick: true}\n      - {at: 3h, respond: hi}\n"
    tests = _files(tmp_path, "2026-11-23T09:00:00+08:00", steps)
    try:
        Runner().load_file(tests)
    except PolicyError as exc:
        text = " ".join(p.message for p in exc.problems)
    else:
        raise AssertionError("a step before the one above it was accepted")
    assert "2026-11-23T12:00:00+08:00" in text
    assert "+00:00" not in text


def test_a_policy_calendar_still_gives_its_zone(tmp_path: Path) -> None:
    calendars = "calendars:\n  home: {timezone: Europe/London, hours: 24x7}\n"
    steps = "      - {at: 2h, respond: hi}\n"
    policy = _files(tmp_path, "2026-11-23T09:00:00+08:00", steps, calendars)
    text = policy.parent / "p.yaml"
    text.write_text(text.read_text("utf-8").replace("sla:\n", "sla:\n  calendar: home\n"))
    (step,) = Runner().load_file(policy).tests[0].steps
    assert step.at is not None
    assert step.at.isoformat() == "2026-11-23T03:00:00+00:00"  # London's wall clock


@settings(max_examples=25, deadline=None)
@given(st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15), st.integers(1, 30))
def test_any_offset_is_kept_and_a_day_is_24_hours(
    tmp_path_factory: pytest.TempPathFactory, minutes: int, days: int
) -> None:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    received = f"2026-03-28T09:00:00{sign}{hours:02d}:{rest:02d}"
    steps = f"      - {{at: {days} days, tick: true}}\n"
    folder = tmp_path_factory.mktemp("offset")
    (step,) = Runner().load_file(_files(folder, received, steps)).tests[0].steps
    start = datetime.fromisoformat(received)
    assert step.at is not None
    assert step.at == start + timedelta(days=days)
    assert step.at.utcoffset() == start.utcoffset()
