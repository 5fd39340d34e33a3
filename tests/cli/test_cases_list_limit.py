"""``cases list --limit``: a list cut short says so, so no case is missed unseen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    for n in range(3):
        desk.intake(
            {
                "channel": "web",
                "external_id": f"L-{n}",
                "received_at": f"2026-12-01T1{n}:00:00+08:00",
                "customer": {"id": f"c{n}"},
                "text": f"complaint {n}",
            }
        )
    desk.storage.close()
    return url


def test_a_list_cut_at_its_limit_says_more_cases_match(db: str) -> None:
    result = run("--db", db, "cases", "list", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
    assert "--limit" in result.stderr


def test_a_list_that_holds_every_match_says_nothing_more(db: str) -> None:
    for limit in ("3", "4"):
        result = run("--db", db, "cases", "list", "--limit", limit)
        assert len(result.stdout.splitlines()) == 3
        assert result.stderr == ""


def test_json_stays_a_list_and_the_note_goes_to_stderr(db: str) -> None:
    result = run("--db", db, "cases", "list", "--limit", "1", "--json")
    assert len(json.loads(result.stdout)) == 1
    assert "--limit" in result.stderr


def test_totals_by_owner_are_cut_at_the_limit_too(db: str) -> None:
    desk = Desk(storage=db)
    for n, case in enumerate(desk.find()):
        desk.assign(case.id, f"owner-{n}", actor="lead")
    desk.storage.close()
    result = run("--db", db, "cases", "list", "--by", "owner", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 2  # the header and two owners
    assert "--limit" in result.stderr
    listed = run("--db", db, "cases", "list", "--by", "owner", "--limit", "1", "--json")
    assert len(json.loads(listed.stdout)) == 1
