"""``cases show`` on PostgreSQL of a case one of whose event rows was edited by hand while
its sealed body still chains — the ``at`` column set to another instant, or the jsonb body
rewritten as a jsonb string holding its JSON (whose fields SQL reads as null): it was shown
with exit 0. The history is still shown and the event row is named, exit 1, as on
SQLite."""

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
    "at column moved": (
        "UPDATE events SET at = '2099-01-01T00:00:00+00:00' WHERE case_id = %s AND seq = 2",
        "case {} is damaged: stored event 2: at column says 2099-01-01T00:00:00+00:00 but the sealed event says",
    ),
    "body a jsonb string": (
        "UPDATE events SET body = to_jsonb(body::text) WHERE case_id = %s AND seq = 2",
        "case {}: stored event 2 is damaged: not a JSON object (got a JSON string)",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edited_event_row_is_named_on_postgres(postgres_url: str, edit: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        case_id = noted_case(Desk(storage=storage), "called back", "sent a voucher")
        statement, problem = EDITS[edit]
        with tampering(storage) as conn:
            conn.execute(statement, (case_id,))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "sent a voucher" in result.stdout
    said = " ".join(result.stderr.split())
    assert problem.format(case_id) in said
