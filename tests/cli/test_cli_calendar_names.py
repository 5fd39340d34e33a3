"""``calendar show NAME`` given a NAME that names nothing is a usage error (exit code 2)
however it is spelt: a two-letter code the holidays package does not know (``XX``,
``US-XX``, ``中国``) ended with exit code 1 and a message naming a policy field
(``XX.holiday_country``) no policy has, where ``XXX`` or an unknown policy calendar was
exit code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.mark.parametrize("name", ["XX", "US-XX", "\u4e2d\u56fd", "XXX"])
def test_a_name_that_names_no_calendar_is_a_usage_error(name: str) -> None:
    result = CliRunner().invoke(CLI, ["calendar", "show", name, "--year", "2026"])
    assert result.exit_code == 2, result.output
    assert "holiday_country" not in result.output
    assert "holiday_subdivision" not in result.output
    assert "NAME" in result.stderr
    as_json = CliRunner().invoke(CLI, ["calendar", "show", name, "--year", "2026", "--json"])
    assert json.loads(as_json.stdout)["error"]["exit_code"] == 2


@settings(max_examples=60, deadline=None)
@given(  # a leading '-' reads as an option, '--' ends them (--json then is no option)
    name=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabc-\u4e2d", max_size=7).filter(
        lambda name: not name.startswith("-")
    )
)
def test_any_calendar_name_is_a_calendar_or_a_usage_error(name: str) -> None:
    result = CliRunner().invoke(CLI, ["calendar", "show", name, "--year", "2026", "--json"])
    assert result.exit_code in (0, 2), result.output
    json.loads(result.stdout)
