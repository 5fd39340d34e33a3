"""``complaintkit calendar show --json`` names weekdays and months in English whatever the
process locale: ``strftime``'s ``%a`` and ``%b`` follow ``LC_TIME``, so under ``de_DE`` a
holiday's weekday read "Do" and ``working_days_by_month`` had the keys "Mär", "Dez" —
another report's keys for the same year, for a script reading them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from foreign_locale import foreign_time_locale

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_a_years_names_are_english_under_a_foreign_locale(tmp_path: Path) -> None:
    with foreign_time_locale(tmp_path):
        result = CliRunner().invoke(CLI, ["calendar", "show", "CN", "--year", "2026", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert list(report["working_days_by_month"]) == MONTHS
    assert {"date": "2026-10-01", "weekday": "Thu", "why": "National Day"} in report["holidays"]
