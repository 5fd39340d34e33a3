"""``cases show`` on PostgreSQL of a history edited behind complaintkit's back (an
event's words rewritten in its jsonb body, an event deleted): it was shown as what
happened, exit 0. It is still shown, and the first event where the hash chain breaks is
named, exit 1, as on SQLite."""

from __future__ import annotations

from typing import LiteralString

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import noted_case, tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres

EDITS: dict[str, tuple[LiteralString, str]] = {
    "words rewritten": (
        """UPDATE events SET body = jsonb_set(body, '{reason}', '"all refunded"')
           WHERE case_id = %s AND seq = 2""",
        "altered after it was recorded",
    ),
    "deleted": ("DELETE FROM events WHERE case_id = %s AND seq = 2", "missing"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_broken_chain_is_named_on_postgres(postgres_url: str, edit: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        case_id = noted_case(Desk(storage=storage), "called back", "sent a voucher")
        statement, problem = EDITS[edit]
        with tampering(storage) as conn:
            conn.execute(statement, (case_id,))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "sent a voucher" in result.stdout
    said = " ".join(result.stderr.split())
    assert f"case {case_id}" in said
    assert "hash chain is broken at event 2" in said
    assert problem in said
