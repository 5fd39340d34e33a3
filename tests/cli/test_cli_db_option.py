"""A ``--db`` no store can be opened from is one line naming the option and the value: a
value that is no storage URL (no scheme, an unknown one, a path in a folder that does not
exist, a folder) is a usage error, exit code 2, as a ``--policy`` naming no file is; a
store that cannot be opened (a file that is no database, another application's) fails
with exit code 1. Never a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def not_a_url(_: Path) -> str:
    return "cases.db"


def unknown_scheme(_: Path) -> str:
    return "mysql://db.example/cases"


def missing_folder(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'no-such-folder' / 'cases.db'}"


def a_folder(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}"


def bad_option(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.db'}?synchronous=sometimes"


def not_a_database(tmp_path: Path) -> str:
    (tmp_path / "notes.db").write_text("not a database, a text file\n" * 100)
    return f"sqlite:///{tmp_path / 'notes.db'}"


def another_applications(tmp_path: Path) -> str:
    with sqlite3.connect(tmp_path / "app.db") as db:
        db.execute("CREATE TABLE orders (id INTEGER)")
    db.close()
    return f"sqlite:///{tmp_path / 'app.db'}"


COMMANDS = [["intake", "/dev/null"], ["cases", "list"], ["tick"], ["migrate"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("value", [not_a_url, unknown_scheme, missing_folder, a_folder, bad_option])
def test_a_value_that_names_no_store_is_a_usage_error(
    tmp_path: Path, value: object, command: list[str]
) -> None:
    url = value(tmp_path)  # type: ignore[operator]
    result = run("--db", url, *command)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: Invalid value for '--db': ")
    assert url in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["app.db"], ["notes.db"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("value", [not_a_database, another_applications])
def test_a_store_that_cannot_be_opened_is_a_failure_naming_the_option(
    tmp_path: Path, value: object, command: list[str]
) -> None:
    url = value(tmp_path)  # type: ignore[operator]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run("--db", url, *command)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: --db: ")
    assert len(result.output.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_with_json_the_usage_error_is_an_error_object_with_exit_code_2(tmp_path: Path) -> None:
    result = run("--db", unknown_scheme(tmp_path), "cases", "list", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert error["message"].startswith("Invalid value for '--db': ")


def test_a_policy_error_is_not_blamed_on_the_db_option(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("categories: [\n")
    result = run("--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(policy), "tick")
    assert result.exit_code == 1, result.output
    assert "--db" not in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_store_set_by_the_environment_is_named_by_its_variable(
    tmp_path: Path, command: list[str]
) -> None:
    """``COMPLAINTKIT_DB`` set in a shell profile or a unit file: the error says so, as
    the user looks at the command line and finds no --db there."""
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    refused = CliRunner().invoke(cli, command, env={"COMPLAINTKIT_DB": "nonsense"})
    assert refused.exit_code == 2, refused.output
    assert "'--db' (from COMPLAINTKIT_DB)" in refused.output
    failed = CliRunner().invoke(cli, command, env={"COMPLAINTKIT_DB": not_a_database(tmp_path)})
    assert failed.exit_code == 1, failed.output
    assert failed.output.startswith("Error: --db (from COMPLAINTKIT_DB): ")
    given = CliRunner().invoke(cli, ["--db", "nonsense", *command], env={"COMPLAINTKIT_DB": ""})
    assert "COMPLAINTKIT_DB" not in given.output
