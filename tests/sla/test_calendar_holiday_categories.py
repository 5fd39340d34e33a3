"""``holiday_categories``: the ``holidays`` package's other lists (Hong Kong's general
holidays), refused in our own words when the package has no such list, and ``validate``
warning a Hong Kong calendar that did not choose one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.sla.calendar import BusinessCalendar

HK = {"timezone": "Asia/Hong_Kong", "hours": {"mon-sat": ["09:00-17:00"]}, "holiday_country": "HK"}
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def test_hong_kong_general_holidays_close_good_friday_2026() -> None:
    statutory = BusinessCalendar.from_mapping(HK)
    general = BusinessCalendar.from_mapping({**HK, "holiday_categories": ["optional"]})
    good_friday = date(2026, 4, 3)
    assert statutory.is_business_day(good_friday)
    assert not general.is_business_day(good_friday)
    assert general.why_closed(good_friday) == "holiday: Good Friday"


@pytest.mark.parametrize(
    ("value", "said"),
    [(["bank"], "bank is not a holiday category"), ("optional", "expected a list")],
)
def test_a_category_the_package_lacks_is_refused_at_its_key(value: object, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        BusinessCalendar.from_mapping({**HK, "holiday_categories": value}, "calendars.hk")
    assert refused.value.field == "calendars.hk.holiday_categories"
    assert said in refused.value.message


def test_categories_without_a_country_are_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        BusinessCalendar.from_mapping(
            {"timezone": "UTC", "hours": "24x7", "holiday_categories": ["public"]}, "c"
        )
    assert refused.value.field == "c.holiday_categories"


@pytest.mark.parametrize(("categories", "warned"), [("", True), ("[optional]", False)])
def test_validate_warns_a_hong_kong_calendar_without_categories(
    tmp_path: Path, categories: str, warned: bool
) -> None:
    chosen = f", holiday_categories: {categories}" if categories else ""
    path = tmp_path / "hk.yaml"
    path.write_text(
        "complaintkit: 1\nname: hk\nversion: '1'\n"
        "categories: {general: {label: {en: General}}}\n"
        "severities: {normal: {label: {en: Normal}}}\n"
        "priorities: {normal: {label: {en: Normal}}}\n"
        "teams: {desk: {label: {en: Desk}, default_owner: desk}}\n"
        "classification: {rules: [], default: {category: general, severity: normal,"
        " priority: normal}}\n"
        "routing: {rules: [], default: {team: desk}}\n"
        "calendars:\n"
        f"  hk: {{timezone: Asia/Hong_Kong, hours: 24x7, holiday_country: HK{chosen}}}\n"
        "sla: {calendar: hk, targets: [{resolution: 30 days}]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(CLI, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert ("hk.yaml:11:47 (at calendars.hk.holiday_country): warning" in result.output) is warned
    assert ("holiday_categories: [optional]" in result.output) is warned
