"""``cases export`` on PostgreSQL: the case and its events with the verdict of its checks,
as on SQLite; an event row's ``at`` column edited by hand makes the verdict name it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import noted_case, tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres


def test_an_export_names_an_edited_event_row_on_postgres(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        case_id = noted_case(Desk(storage=storage), "called back")
        events = storage.events(case_id)
    export = ["--db", postgres_url, "cases", "export", case_id]
    intact = CliRunner().invoke(build_cli(), export)
    assert intact.exit_code == 0, intact.output
    assert json.loads(intact.stdout)["events"] == [e.published_json() for e in events]
    with tampering(storage) as conn:
        conn.execute(
            "UPDATE events SET at = '2099-01-01T00:00:00+00:00' WHERE case_id = %s AND seq = 2",
            (case_id,),
        )
    edited = CliRunner().invoke(build_cli(), export)
    assert edited.exit_code == 1, edited.output
    (problem,) = json.loads(edited.stdout)["verdict"]["problems"]
    assert "stored event 2: at column says 2099-01-01T00:00:00+00:00" in problem
