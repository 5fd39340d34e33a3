"""``complaintkit calendar show``: working days, holidays and make-up days of a year."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"


def run(*args: str) -> Result:
    return CliRunner().invoke(CLI, list(args))


def test_calendar_show_lists_cn_make_up_days_for_2026() -> None:
    result = run("calendar", "show", "CN", "--year", "2026", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [d["date"] for d in report["make_up_days"]] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert {"date": "2026-10-01", "weekday": "Thu", "why": "National Day"} in report["holidays"]
    assert report["working_days"] == sum(report["working_days_by_month"].values())
    assert report["holiday_data"].startswith("holidays ")


def test_calendar_show_reads_a_policy_calendar() -> None:
    policy = str(REGULATORY / "psd2-art101.yaml")
    result = run("--policy", policy, "calendar", "show", "uk_scotland", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "2026-11-30 Mon  Saint Andrew's Day" in result.output
    assert "make-up working days (0)" in result.output


def test_calendar_show_names_the_known_calendars_when_one_is_unknown() -> None:
    policy = str(REGULATORY / "psd2-art101.yaml")
    result = run("--policy", policy, "calendar", "show", "office", "--year", "2026")
    assert result.exit_code == 2
    assert "uk_england_wales" in result.output


def test_calendar_show_marks_a_year_whose_holidays_are_provisional() -> None:
    text = run("calendar", "show", "CN", "--year", "2027")
    assert text.exit_code == 0, text.output
    assert "holiday data for 2027 is provisional" in text.output
    report = json.loads(run("calendar", "show", "CN", "--year", "2027", "--json").output)
    assert report["holiday_data_status"] == "provisional"
    official = json.loads(run("calendar", "show", "CN", "--year", "2026", "--json").output)
    assert official["holiday_data_status"] == "official"


def test_calendar_show_marks_a_year_without_holiday_data() -> None:
    result = run("calendar", "show", "CN", "--year", "2101")
    assert result.exit_code == 0, result.output
    assert "holiday data for 2101 is missing" in result.output


def test_calendar_show_lists_each_cn_break_of_2026_as_its_notice_gives_it() -> None:
    """The listing names the weekend days inside a break (国庆 10月1日至7日 holds Sunday the
    4th) as the calendar closes them, so its holidays are the notice's ranges, day for day."""
    report = json.loads(run("calendar", "show", "CN", "--year", "2026", "--json").output)
    breaks = [  # 国务院办公厅关于2026年部分节假日安排的通知
        ("2026-01-01", 3),
        ("2026-02-15", 9),
        ("2026-04-04", 3),
        ("2026-05-01", 5),
        ("2026-06-19", 3),
        ("2026-09-25", 3),
        ("2026-10-01", 7),
    ]
    days = [
        (date.fromisoformat(first) + timedelta(days=n)).isoformat()
        for first, length in breaks
        for n in range(length)
    ]
    assert [d["date"] for d in report["holidays"]] == days
    assert {"date": "2026-10-04", "weekday": "Sun", "why": "National Day (break)"} in report[
        "holidays"
    ]


def test_calendar_show_chooses_a_countrys_holiday_categories() -> None:
    """Hong Kong's general holidays (``optional``) close Good Friday; the statutory list
    (the package's default) does not. Either way the report names the list it shows."""
    default = json.loads(run("calendar", "show", "HK", "--year", "2026", "--json").output)
    general = run("calendar", "show", "HK", "--year", "2026", "--holiday-categories", "optional")
    assert general.exit_code == 0, general.output
    as_json = run(
        "calendar", "show", "HK", "--year", "2026", "--holiday-categories", "optional", "--json"
    )
    chosen = json.loads(as_json.output)
    assert default["holiday_categories"] == ["public"]
    assert chosen["holiday_categories"] == ["optional"]
    assert "2026-04-03" not in [d["date"] for d in default["holidays"]]
    assert "2026-04-03" in [d["date"] for d in chosen["holidays"]]
    assert "2026-04-03" in general.output
    assert "optional" in general.output.splitlines()[0]


def test_calendar_show_names_the_holiday_categories_of_a_policy_calendar() -> None:
    policy = str(REGULATORY / "hkma-complaints.yaml")
    result = run("--policy", policy, "calendar", "show", "hk", "--year", "2026", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["holiday_categories"] == ["optional"]


def test_calendar_show_refuses_an_unknown_holiday_category_naming_the_known_ones() -> None:
    result = run("calendar", "show", "HK", "--year", "2026", "--holiday-categories", "bank")
    assert result.exit_code == 2
    assert "--holiday-categories" in result.output  # the option at fault, not NAME
    assert "bank" in result.output
    assert "optional" in result.output
    assert "Traceback" not in result.output


def test_calendar_show_leaves_a_policy_calendars_categories_to_the_policy() -> None:
    policy = str(REGULATORY / "hkma-complaints.yaml")
    result = run(
        "--policy", policy, "calendar", "show", "hk", "--year", "2026",
        "--holiday-categories", "public",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "holiday_categories" in result.output


def test_calendar_show_heads_a_composed_calendar_without_an_empty_list(tmp_path: Path) -> None:
    """A union has no holiday categories of its own: its heading names its holiday data
    and no empty "()" after it."""
    policy = tmp_path / "union.yaml"
    samr = (REGULATORY / "samr-complaints.yaml").read_text(encoding="utf-8")
    government = "                  holiday_country: CN}\n"
    assert government in samr
    night = "  night: {timezone: Europe/London, hours: {mon-fri: ['22:00-06:00']}}\n"
    either = "  either: {union: [cn_government, night]}\n"
    policy.write_text(samr.replace(government, government + night + either), encoding="utf-8")
    result = run("--policy", str(policy), "calendar", "show", "either", "--year", "2026")
    assert result.exit_code == 0, result.output
    heading = result.output.splitlines()[0]
    assert heading.startswith("calendar either, 2026, holidays ")
    assert "()" not in heading
