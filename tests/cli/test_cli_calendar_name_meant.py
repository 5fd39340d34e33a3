"""``calendar show`` given a misspelt policy calendar (``offce``) listed the calendars but
named none of them as meant, where validate says 'did you mean 'office'?' for the same
slip in a policy; it now says so too, before the plain list of names."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncalendars:\n"
        "  office: {timezone: Asia/Shanghai, hours: 24x7}\n"
        "  night_shift: {timezone: Asia/Shanghai, hours: 24x7}\n",
        "utf-8",
    )
    return policy


def test_a_misspelt_calendar_is_told_the_one_meant(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    result = CliRunner().invoke(
        CLI, ["--policy", str(policy), "calendar", "show", "offce", "--year", "2026"]
    )
    assert result.exit_code == 2
    assert "did you mean 'office'?" in result.stderr
    assert "known: 24x7, night_shift, office" in result.stderr
    for python_spelling in ("dict_keys", "mappingproxy", "['", "{'"):
        assert python_spelling not in result.stderr


def test_a_name_like_none_lists_the_calendars_alone(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    result = CliRunner().invoke(
        CLI, ["--policy", str(policy), "calendar", "show", "zzzzzzzz", "--year", "2026"]
    )
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr
    assert "known: 24x7, night_shift, office" in result.stderr
