"""``replay``, ``audit verify`` and ``cases show`` on PostgreSQL over a row edited to hold
a number of thousands of digits. An integer longer than Python converts failed the
driver's read of the row: the replay ended in a bare ``ValueError`` advising
``sys.set_int_max_str_digits()``, ``cases show`` said the same; a float of thousands of
digits read as infinity ("status: inf"), and a seq of thousands of digits was echoed
whole into the finding. Each is named by the number's length, as on SQLite, with its
case and event, and the other cases are compared."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import late_deliveries, tampering

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

POLICY = Path(__file__).parents[3] / "policies" / "retail" / "supermarket.yaml"
LONG = "9" * (sys.get_int_max_str_digits() + 700)
READ = "9" * 4000  # under the limit: read, and shown if nothing cuts it

#: An edit, and the event it damages (None: the case row).
EDITS: dict[str, tuple[str, int | None]] = {
    "integer in an event": (
        f"UPDATE events SET body = jsonb_set(body, '{{data,n}}', '-{LONG}'::jsonb) "
        "WHERE case_id = %s AND seq = 2",
        2,
    ),
    "integer in a case row": (
        f"UPDATE cases SET body = jsonb_set(body, '{{version}}', '{LONG}'::jsonb) WHERE id = %s",
        None,
    ),
    "float in a case row": (
        f"UPDATE cases SET body = jsonb_set(body, '{{status}}', '{READ}.5'::jsonb) WHERE id = %s",
        None,
    ),
    "seq in an event": (
        f"UPDATE events SET body = jsonb_set(body, '{{seq}}', '{READ}'::jsonb) "
        "WHERE case_id = %s AND seq = 2",
        2,
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_number_of_thousands_of_digits_on_postgres_is_named_by_its_length(
    postgres_url: str, edit: str
) -> None:
    statement, seq = EDITS[edit]
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        ids = late_deliveries(
            desk, clock, lambda case_id: desk.respond(case_id, "您好", actor="li.na")
        )
        with tampering(storage) as conn:
            conn.execute(statement.encode(), (ids[0],))
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    said = result.damaged[0][1]
    assert "digits" in said or "characters" in said
    assert seq is None or f"event {seq}" in said
    assert "9" * 100 not in said
    assert "sys." not in said
    assert result.comparison.cases == 1
    for command in (["audit", "verify"], ["cases", "show", ids[0]]):
        run = CliRunner().invoke(build_cli(), ["--db", postgres_url, *command])
        assert run.exit_code == 1 or command[0] == "cases", run.output  # shown, yet named
        assert ids[0] in run.output
        assert "9" * 100 not in run.output
        assert "sys." not in run.output
        assert "Traceback" not in run.output
