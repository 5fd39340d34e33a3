"""``dead-letters retry --all --source nope`` when no letter's source starts with ``nope``
said "0 taken, 0 refused, 0 skipped" and nothing else: a misspelt prefix looked like a
retry that had nothing to do. Every command taking ``--source`` now says that no dead
letter came from it, suggests the nearest source there is, and lists the sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COMMANDS = [["retry", "--all"], ["purge", "--all"], ["list"], ["count"]]


@pytest.fixture(name="db")
def db_with_two_letters(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    source.write_text('{"broken\n{"also broken\n', encoding="utf-8")
    taken = CliRunner().invoke(CLI, ["--db", db, "intake", "--channel", "jsonl", str(source)])
    assert taken.exit_code == 3, taken.output
    return db


def _letters(db: str) -> int:
    with SQLiteStorage(db) as storage:
        return len(storage.dead_letters())


@pytest.mark.parametrize("command", COMMANDS)
def test_a_prefix_matching_nothing_names_itself_and_the_sources_there_are(
    db: str, command: list[str]
) -> None:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", *command, "--source", "nope"])
    assert result.exit_code == 0, result.output
    assert "'nope'" in result.stderr
    assert "jsonl:" in result.stderr
    assert "Traceback" not in result.output
    assert _letters(db) == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_a_misspelt_prefix_is_told_the_nearest_source(db: str, command: list[str]) -> None:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", *command, "--source", "jsnol:"])
    assert "did you mean 'jsonl:'" in result.stderr
    assert _letters(db) == 2


def test_with_json_the_output_stays_json(db: str) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", "--source", "nope"]
    )
    assert json.loads(result.stdout) == []
    assert "'nope'" in result.stderr


def test_a_prefix_that_matches_says_nothing_more(db: str) -> None:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list", "--source", "jsonl:"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_no_letters_at_all_needs_no_source_named(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(db).close()
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list", "--source", "nope"])
    assert result.exit_code == 0
    assert "no dead letters" in result.output


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prefix=st.text(min_size=1, max_size=20).filter(lambda p: p.strip() and "\x00" not in p))
def test_any_prefix_matching_nothing_is_named_on_one_safe_line(db: str, prefix: str) -> None:
    if "jsonl:".startswith(prefix) or prefix.startswith("jsonl:"):
        return  # a prefix that may select the letters
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list", "--source", prefix])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert "no dead letter" in line
    assert "\x1b" not in line
    assert _letters(db) == 2
