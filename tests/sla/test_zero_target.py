"""A target of no time (``0h``, ``0 business hours``, ``PT0S``, ``0分钟``, ``0 days``) is
due the instant its clock starts: every case breaches it at once, and every escalation on
it fires at intake — an SOP's "immediately" or a placeholder never filled in. ``validate``
warns at it; ``0 business days`` and a zero with ``ends:`` (today's close) mean a time
later that day and are not warned."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
UK = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}

POLICY = """\
complaintkit: 1
extends: ./base.yaml
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
sla:
  calendar: office
  targets:
    - {when: {field: case.priority, ==: urgent}, first_response: TARGET}
    - {first_response: 1 business day, resolution: 5 business days}
"""

ZEROS = ["0h", "0 hours", "0 business hours", "PT0S", "0分钟", "0小时", "0 days", "0天"]


def _zero_warnings(tmp_path: Path, target: str) -> list[Problem]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace("TARGET", target), "utf-8")
    return [p for p in check_policy(path) if p.code == "zero-target"]


@pytest.mark.parametrize("target", ["0h", "0 business hours"])
def test_a_zero_target_is_due_the_instant_the_case_arrives(target: str) -> None:
    received = datetime(2026, 3, 2, 10, tzinfo=UTC)
    document = {
        "calendars": {"uk": UK},
        "sla": {"calendar": "uk", "targets": [{"first_response": target}]},
    }
    desk, _ = make_desk(document, start=received)
    case_id = desk.intake(complaint(at=received)).id
    assert desk.get(case_id).clocks.metrics["first_response"].due_at == received


@pytest.mark.parametrize("target", ZEROS)
def test_a_zero_target_is_warned_where_it_is_written(tmp_path: Path, target: str) -> None:
    (found,) = _zero_warnings(tmp_path, target)
    assert found.severity == "warning"
    assert found.location.path == "sla.targets[0].first_response"
    assert found.location.line == 8
    assert "first_response" in found.message
    assert "at once" in found.message
    assert "0 business days" in found.hint


@pytest.mark.parametrize(
    "target",
    [
        "0 business days",
        "0个工作日",
        "{within: 0 days, ends: close_of_business}",
        "{within: 0h, ends: end_of_day}",
        "30m",
        "1 business hour",
    ],
)
def test_a_target_that_ends_later_that_day_is_not_warned(tmp_path: Path, target: str) -> None:
    assert _zero_warnings(tmp_path, target) == []


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 3),
    st.sampled_from(["h", " hours", " business hours", "分钟", " days", " business days"]),
)
def test_only_a_period_of_no_time_is_warned(
    tmp_path_factory: pytest.TempPathFactory, number: int, unit: str
) -> None:
    found = _zero_warnings(tmp_path_factory.mktemp("zero"), f"{number}{unit}")
    assert bool(found) == (number == 0 and unit != " business days")
