"""Values a policy may write are bounded where they are read: whatever ``validate`` accepts,
explain, test, check and intake can use without overflowing later."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
HEADER = "complaintkit: 1\nextends: ./base.yaml\n"


def errors(tmp_path: Path, body: str) -> list[Problem]:
    shutil.copy(BASE, tmp_path / "base.yaml")
    (tmp_path / "p.yaml").write_text(HEADER + body, "utf-8")
    return [p for p in check_policy(tmp_path / "p.yaml") if p.severity == "error"]


def the_error(tmp_path: Path, body: str) -> Problem:
    found = errors(tmp_path, body)
    assert len(found) == 1, [str(p) for p in found]
    problem = found[0]
    assert problem.location.file.endswith("p.yaml")
    assert problem.location.line is not None
    return problem


@pytest.mark.parametrize(
    "duration",
    [
        "999999999 days",
        "99999 months",
        "999999999 years",
        "10000000 business days",
        "99999999999 days",
        "99999999999 hours",
        "1201 months",
        "36526 days",
        "5218 weeks",
        "876601 hours",
        "P99999999999999999999D",
        "9" * 400 + " minutes",
    ],
)
def test_a_target_longer_than_a_century_is_refused_where_written(
    tmp_path: Path, duration: str
) -> None:
    problem = the_error(tmp_path, f"sla:\n  targets:\n    - resolution: {duration}\n")
    assert problem.location.path == "sla.targets[0].resolution"
    assert problem.location.line == 5
    assert "100 years" in problem.message
    assert "36525 days" in problem.hint


@pytest.mark.parametrize(
    "duration", ["100 years", "1200 months", "36525 days", "5217 weeks", "876600 hours"]
)
def test_a_century_itself_is_a_valid_target(tmp_path: Path, duration: str) -> None:
    assert errors(tmp_path, f"sla:\n  targets:\n    - resolution: {duration}\n") == []


def test_an_escalation_after_a_century_is_refused_where_written(tmp_path: Path) -> None:
    body = (
        "escalation:\n"
        "  ladders:\n"
        "    - name: slow\n"
        "      levels:\n"
        "        - name: lead\n"
        "          trigger: {since: opened, after: 999999999 days}\n"
        "          actions: [{add_tags: [late]}]\n"
    )
    problem = the_error(tmp_path, body)
    assert problem.location.path == "escalation.ladders[0].levels[0].trigger.after"
    assert "100 years" in problem.message


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        ("{complaints_in_last_days: 1000000}", "36525"),
        ("{complaints_in_last_days: 36526}", "36525"),
        ("{complaints_in_last_days: -5}", "at least 1"),
        ("{complaints_in_last_days: 0}", "at least 1"),
        ("{complaints_in_last_days: thirty}", "whole number"),
        ("{complaints_in_last_days: true}", "whole number"),
        ("complaints_in_last_days", "whole number"),
        ("bogus", "not a history fact"),
        ("{bogus: 3}", "not a history fact"),
        ("{open_cases: 3}", "takes no argument"),
    ],
)
def test_a_history_fact_is_known_and_its_days_bounded(tmp_path: Path, fact: str, said: str) -> None:
    body = (
        "classification:\n"
        "  rules:\n"
        "    - id: repeat\n"
        f"      when: {{history: {fact}, '>=': 1}}\n"
        "      then: {category: service, severity: major, priority: high}\n"
    )
    problem = the_error(tmp_path, body)
    assert problem.location.path.endswith("].when.history")
    assert problem.location.line == 6
    assert said in problem.message + problem.hint
    assert "complaints_in_last_days" in problem.hint


@pytest.mark.parametrize(
    "fact", ["{complaints_in_last_days: 1}", "{complaints_in_last_days: 36525}", "open_cases"]
)
def test_known_history_facts_validate(tmp_path: Path, fact: str) -> None:
    body = (
        "classification:\n"
        "  rules:\n"
        "    - id: repeat\n"
        f"      when: {{history: {fact}, '>=': 1}}\n"
        "      then: {category: service, severity: major, priority: high}\n"
    )
    assert errors(tmp_path, body) == []


def _compensation(remedy: str, extra: str = "") -> str:
    return (
        "compensation:\n"
        "  currency: CNY\n"
        "  rules:\n"
        "    - id: all\n"
        f"      remedies: [{remedy}]\n" + extra
    )


@pytest.mark.parametrize(
    ("body", "path", "said"),
    [
        (
            _compensation("{kind: cash, amount: 100000000000000000000000000000}"),
            "compensation.rules[0].remedies[0].amount",
            "digits",
        ),
        (
            _compensation("{kind: cash, amount: 0.000000001}"),
            "compensation.rules[0].remedies[0].amount",
            "decimal places",
        ),
        (
            _compensation("{kind: cash, amount: {fixed: 10000000000000000}}"),
            "compensation.rules[0].remedies[0].amount.fixed",
            "digits",
        ),
        (
            _compensation(
                "{kind: statutory_damages, amount: {greater_of: [{multiple: 10, of: price}, "
                "1000], cap: 10000000000000000}}"
            ),
            "compensation.rules[0].remedies[0].amount.cap",
            "digits",
        ),
        (
            _compensation(
                "{kind: cash, amount: {multiple: 3, of: loss, floor: 100000000000000000000}}"
            ),
            "compensation.rules[0].remedies[0].amount.floor",
            "digits",
        ),
        (
            _compensation(
                "{kind: cash, amount: {multiple: 3, of: loss, default: 100000000000000000000}}"
            ),
            "compensation.rules[0].remedies[0].amount.default",
            "digits",
        ),
        (
            _compensation("{kind: cash, amount: {multiple: 3, of: loss, default: -50}}"),
            "compensation.rules[0].remedies[0].amount.default",
            "negative",
        ),
        (
            _compensation(
                "{kind: voucher, amount: 10}",
                "  caps: [{limit: 10000000000000000000000000000, days: 90}]\n",
            ),
            "compensation.caps[0].limit",
            "digits",
        ),
        (
            _compensation(
                "{kind: voucher, amount: 10}",
                "  approvals: [{above: 100000000000000000000, role: manager}]\n",
            ),
            "compensation.approvals[0].above",
            "digits",
        ),
        (
            _compensation("{kind: voucher, amount: 10}", "  caps: [{limit: 100, days: 1000000}]\n"),
            "compensation.caps[0].days",
            "36525",
        ),
    ],
)
def test_every_amount_obeys_the_bounds_of_outside_money(
    tmp_path: Path, body: str, path: str, said: str
) -> None:
    problem = the_error(tmp_path, body)
    assert problem.location.path == path
    assert said in problem.message + problem.hint


EMPTY_CALENDAR = (
    "calendars:\n"
    "  n: {timezone: Asia/Shanghai, hours: {}}\n"
    "sla:\n"
    "  calendar: n\n"
    "  targets:\n"
    "    - first_response: {target}\n"
)


@pytest.mark.parametrize("target", ["24 business hours", "3 business days"])
def test_a_calendar_business_targets_use_must_have_working_time(
    tmp_path: Path, target: str
) -> None:
    problem = the_error(tmp_path, EMPTY_CALENDAR.replace("{target}", target))
    assert problem.location.path == "calendars.n.hours"
    assert "working time" in problem.message


def test_a_calendar_without_hours_may_time_calendar_targets(tmp_path: Path) -> None:
    assert errors(tmp_path, EMPTY_CALENDAR.replace("{target}", "24h")) == []


@pytest.mark.parametrize(
    ("target", "refused"),
    [
        ("26000 business days", False),
        ("200000 business hours", False),
        ("36525 business days", True),
        ("876600 business hours", True),
    ],
)
def test_business_time_must_fall_due_within_a_century_on_a_working_week(
    tmp_path: Path, target: str, refused: bool
) -> None:
    body = (
        "calendars:\n"
        "  office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-17:00']}}\n"
        "sla:\n"
        "  calendar: office\n"
        f"  targets: [{{resolution: {target}}}]\n"
    )
    found = errors(tmp_path, body)
    assert [p.location.path for p in found] == (["sla.targets[0].resolution"] if refused else [])


def test_a_business_hours_target_must_fall_due_within_a_century_on_its_calendar(
    tmp_path: Path,
) -> None:
    body = (
        "calendars:\n"
        "  sparse: {timezone: UTC, hours: {sat: ['10:00-10:01']}}\n"
        "sla:\n"
        "  targets:\n"
        "    - resolution: {within: 876600 business hours, calendar: sparse}\n"
    )
    problem = the_error(tmp_path, body)
    assert problem.location.path == "sla.targets[0].resolution.within"
    assert "sparse" in problem.message
    assert "100 years" in problem.message


@pytest.mark.parametrize(
    ("rule", "path"),
    [
        (
            "batches: [{min_cases: 3, window_hours: 1000000000}]",
            "incidents.batches[0].window_hours",
        ),
        (
            "batches: [{min_cases: 3, window_hours: 72, quiet_hours: 1000000000000}]",
            "incidents.batches[0].quiet_hours",
        ),
        ("spikes: [{dimension: category, baseline_days: 99999999999}]", "incidents.spikes[0]"),
    ],
)
def test_incident_windows_are_bounded(tmp_path: Path, rule: str, path: str) -> None:
    problem = the_error(tmp_path, f"incidents:\n  {rule}\n")
    assert problem.location.path.startswith(path)
