"""A body rewritten by hand on PostgreSQL as a jsonb string holding the sealed JSON text
(``to_jsonb(body::text)``): the driver hands a string value over as Python text, which the
readers took for JSON text and parsed, so ``replay`` compared the case as sound and ``audit
verify`` found nothing, while every SQL query reads no field of it (``body ->> 'kind'`` is
null: reports, the feed and look-ups miss it). It is named as no JSON object, as a body
holding a number or a list is, and the other cases are compared."""

from __future__ import annotations

from typing import LiteralString

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

REWRITES: dict[str, tuple[LiteralString, str]] = {
    "event": (
        "UPDATE events SET body = to_jsonb(body::text) WHERE case_id = %s AND seq = 2",
        "event 2: stored event",
    ),
    "case row": ("UPDATE cases SET body = to_jsonb(body::text) WHERE id = %s", "case row"),
}


@pytest.mark.parametrize("rewrite", list(REWRITES), ids=list(REWRITES))
def test_a_body_holding_its_json_as_a_string_is_named(postgres_url: str, rewrite: str) -> None:
    statement, record = REWRITES[rewrite]
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        ids = taken_in(desk, 3, keys="串")
        with tampering(storage) as conn:
            conn.execute(statement, (ids[1],))
        result = replay_store(storage, desk.policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[1]]
    assert "not a JSON object (got a JSON string)" in result.damaged[0][1]
    assert result.comparison.cases == 2
    audit = CliRunner().invoke(build_cli(), ["--db", postgres_url, "audit", "verify"])
    assert audit.exit_code == 1
    assert [line for line in audit.output.splitlines() if ids[1] in line and record in line]
    assert "not a JSON object (got a JSON string)" in audit.output
