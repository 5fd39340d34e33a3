# ruff: noqa: RUF001 -- full-width text is what the author typed, on purpose
"""One `validate` names every independent mistake of a calendar: a refused calendar name,
bad intervals, weekday keys and a country written as a name, not one per run."""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, calendars: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncalendars:\n{calendars}"
        "sla:\n  targets:\n    - first_response: 24h\n",
        "utf-8",
    )
    return [p for p in check_policy(path) if p.severity == "error"]


def test_a_chinese_calendar_name_hides_none_of_the_calendars_other_mistakes(
    tmp_path: Path,
) -> None:
    problems = _problems(
        tmp_path,
        "  办公室:\n"
        "    timezone: Asia/Shanghai\n"
        '    hours: {周一至周五: ["9：00-18：00"], sat: ["10:00-16:00"], sun: ["9：30-12:00"]}\n'
        "    holiday_country: 中国\n",
    )
    where = {p.location.path: p for p in problems}
    assert set(where) == {
        "calendars.办公室",
        "calendars.办公室.hours.周一至周五",
        "calendars.办公室.hours.周一至周五[0]",
        "calendars.办公室.hours.sun[0]",
        "calendars.办公室.holiday_country",
    }, [str(p) for p in problems]
    assert "'09:00-18:00'" in where["calendars.办公室.hours.周一至周五[0]"].hint
    assert "'mon-fri'" in where["calendars.办公室.hours.周一至周五"].hint
    assert "write CN" in where["calendars.办公室.holiday_country"].hint
    assert (where["calendars.办公室.holiday_country"].location.line or 0) == 7


def test_each_country_name_says_which_code_to_write(tmp_path: Path) -> None:
    for name, code in (("中华人民共和国", "CN"), ("China", "CN"), ("cn", "CN"), ("香港", "HK")):
        problems = _problems(
            tmp_path,
            f"  office: {{timezone: Asia/Shanghai, hours: 24x7, holiday_country: {name}}}\n",
        )
        [problem] = problems
        assert problem.location.path == "calendars.office.holiday_country"
        assert f"write {code}" in problem.hint, problem.hint


def test_a_subdivision_without_a_country_is_reported_with_the_hours_mistake(
    tmp_path: Path,
) -> None:
    problems = _problems(
        tmp_path,
        "  office: {timezone: Asia/Shanghai, hours: {mon: [9-18]}, holiday_subdivision: GD}\n",
    )
    assert {p.location.path for p in problems} == {
        "calendars.office.hours.mon[0]",
        "calendars.office.holiday_subdivision",
    }, [str(p) for p in problems]
