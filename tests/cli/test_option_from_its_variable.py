"""``COMPLAINTKIT_POLICY`` naming no file was refused as "Invalid value for '--policy':
Path … does not exist." — naming an option the user never typed, where ``--db`` refused
from ``COMPLAINTKIT_DB`` says "(from COMPLAINTKIT_DB)". A group option's value refused when
its environment variable gave it now names the variable too: where the user has to look
(a shell profile, a unit file)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def test_a_policy_from_its_variable_naming_no_file_names_the_variable(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such.yaml")
    result = CliRunner().invoke(
        CLI,
        ["--db", f"sqlite:///{tmp_path / 'c.db'}", "tick"],
        env={"COMPLAINTKIT_POLICY": missing},
    )
    assert result.exit_code == 2
    line = result.stderr.strip().splitlines()[-1]
    assert "--policy" in line
    assert "(from COMPLAINTKIT_POLICY)" in line
    assert missing in line


def test_the_same_value_on_the_command_line_names_the_option_alone(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such.yaml")
    result = CliRunner().invoke(CLI, ["--policy", missing, "tick"])
    assert result.exit_code == 2
    assert "--policy" in result.stderr
    assert "COMPLAINTKIT_POLICY" not in result.stderr
