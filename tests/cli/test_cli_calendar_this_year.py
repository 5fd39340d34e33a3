"""``calendar show`` without ``--year`` shows the current year, as of the clock the command
line runs on, in the calendar's own zone: it was a usage error, ``Missing option '--year'``,
for the one question a user asks most (this year's holidays)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.context import App
from complaintkit.clock import ManualClock
from complaintkit.plugins import Plugins, plugin_manager

SHOP = Path(__file__).parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def shown_year(at: datetime, *args: str) -> int:
    result = CliRunner().invoke(CLI, [*args, "--json"], obj=App(clock=ManualClock(at)))
    assert result.exit_code == 0, result.output
    year: int = json.loads(result.output)["year"]
    return year


def test_calendar_show_defaults_to_the_year_of_the_clock() -> None:
    assert shown_year(datetime(2027, 3, 1, tzinfo=UTC), "calendar", "show", "CN") == 2027


def test_the_year_is_the_calendars_own_on_new_years_eve() -> None:
    already_2027 = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)  # 04:00 on 1 January in Shanghai
    args = ("--policy", str(SHOP), "calendar", "show", "support")  # an Asia/Shanghai calendar
    assert shown_year(already_2027, *args) == 2027


def test_a_given_year_is_shown_whatever_the_clock_says() -> None:
    at = datetime(2027, 3, 1, tzinfo=UTC)
    assert shown_year(at, "calendar", "show", "CN", "--year", "2026") == 2026
