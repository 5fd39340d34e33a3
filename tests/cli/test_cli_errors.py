"""Errors on the command line: text on stderr, or a JSON object on stdout with ``--json``."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
assert isinstance(CLI, click.Group)


def _json_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _json_commands(command, (*prefix, name))
        elif any("--json" in p.opts for p in command.params if isinstance(p, click.Option)):
            found.append((*prefix, name))
    return found


JSON_COMMANDS = _json_commands(CLI)


def test_there_are_commands_with_json_output() -> None:
    assert {("validate",), ("explain",), ("test",), ("check",)} <= set(JSON_COMMANDS)


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_every_json_command_reports_a_usage_error_as_json(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(CLI, [*command, "--json", "--no-such-option"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert "--no-such-option" in error["message"]


def test_a_policy_error_is_a_json_object_with_every_problem(tmp_path: Path) -> None:
    policy = tmp_path / "bad.yaml"
    policy.write_text("complaintkit: 1\nname: [\n", "utf-8")
    complaint = tmp_path / "c.json"
    complaint.write_text(
        json.dumps(
            {
                "channel": "web",
                "external_id": "e-1",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": "C-1"},
                "text": "x",
            }
        ),
        "utf-8",
    )
    result = CliRunner().invoke(CLI, ["explain", "--json", str(policy), str(complaint)])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["type"] == "PolicyError"
    assert error["problems"][0]["file"] == str(policy)
    assert error["problems"][0]["line"] == 2  # the last line written: the file ends inside the list


def test_an_invalid_input_names_its_field(tmp_path: Path) -> None:
    result = CliRunner().invoke(CLI, ["test", "--json", str(tmp_path)])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert (error["type"], error["field"]) == ("InvalidInput", "paths")


def test_without_json_the_error_stays_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(CLI, ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no *.tests.yaml" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--html", "{missing}/r.html"],
        ["replay", "{policy}", "--html", "{missing}/r.html"],
    ],
)
def test_a_file_that_cannot_be_written_is_a_one_line_error(
    tmp_path: Path, command: list[str]
) -> None:
    policy = Path(__file__).parents[2] / "src" / "complaintkit" / "demo" / "policy.yaml"
    args = [part.format(missing=tmp_path / "no-such-folder", policy=policy) for part in command]
    SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}").close()
    db = ["--db", f"sqlite:///{tmp_path / 'c.db'}"]
    result = CliRunner().invoke(CLI, [*db, *args], catch_exceptions=False)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: --html '{tmp_path}/no-such-folder/r.html': could not write it")
    as_json = CliRunner().invoke(CLI, [*db, *args, "--json"], catch_exceptions=False)
    assert json.loads(as_json.stdout)["error"]["type"] == "OutputNotWritten"


@pytest.mark.parametrize("made", ["a folder", "a text file"])
def test_a_sqlite_url_naming_no_database_is_a_one_line_error(tmp_path: Path, made: str) -> None:
    path = tmp_path / "store"
    if made == "a folder":
        path.mkdir()
    else:
        path.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{path}", "cases", "list"])
    assert result.exit_code == (2 if made == "a folder" else 1)  # a folder: a usage error
    assert f"cannot open {str(path)!r}" in result.stderr
    assert len(result.stderr.splitlines()) == 1
