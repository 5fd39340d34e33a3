"""``outbox`` and ``dead-letters list`` listed everything, with no ``--limit``: a store
with a dead receiver printed thousands of rows. Both now take ``--limit`` as ``cases list``
does (a whole number of at least 1, refused otherwise as a usage error), and a list cut
short says on stderr how many were not shown, so JSON on stdout stays a list."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.delivery import Outgoing
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STORED = 5
LISTS = [["outbox"], ["dead-letters", "list"]]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'cases.db'}"
    with SQLiteStorage(url) as storage:
        storage.enqueue(
            [
                Outgoing.message(
                    "mail", Message(to="a@b.c", subject=f"m{i}", body="b", case_id="CK-1"), T0
                )
                for i in range(STORED)
            ]
        )
        for i in range(STORED):
            storage.dead_letter(f"jsonl:in.jsonl:{i + 1}", b"{", "not JSON", T0)
    return url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(CLI, ["--db", db, *args])


@pytest.mark.parametrize("command", LISTS)
@given(limit=st.integers(1, STORED + 2))
@settings(max_examples=10, deadline=None)
def test_a_list_holds_at_most_limit_rows_and_says_how_many_were_left_out(
    db: str, command: list[str], limit: int
) -> None:
    text = run(db, *command, "--limit", str(limit))
    listed = run(db, *command, "--limit", str(limit), "--json")
    assert text.exit_code == listed.exit_code == 0, text.output
    assert len(json.loads(listed.stdout)) == min(limit, STORED)
    left_out = STORED - limit
    if left_out > 0:
        assert f"{left_out} more not shown" in text.stderr
        assert text.stderr == listed.stderr
        assert "--limit" in text.stderr
    else:
        assert text.stderr == listed.stderr == ""


@pytest.mark.parametrize("command", LISTS)
def test_a_huge_limit_lists_every_row(db: str, command: list[str]) -> None:
    result = run(db, *command, "--limit", "9" * 400, "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == STORED


@pytest.mark.parametrize("command", LISTS)
@pytest.mark.parametrize("limit", ["0", "-1", "ten", "1.5", "", "-" + "9" * 400])
def test_a_limit_that_is_no_count_is_a_usage_error_naming_it(
    db: str, command: list[str], limit: str
) -> None:
    assert run(db, *command, "--limit", "1").exit_code == 0  # the option is there
    result = run(db, *command, "--limit", limit)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()[-1:]
    assert "--limit" in line
    assert len(line) < 200
    assert "Traceback" not in result.output
