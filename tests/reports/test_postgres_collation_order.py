"""PostgreSQL orders a report's ties as SQLite does, whatever the database's collation.

A database created with a language's collation (``en_US.UTF-8``, the default of many
installations) sorts ``a leak`` before ``Bad seal``; SQLite and memory sort by code point,
``Bad seal`` first. Root causes with as many cases each must come out in
the same order on every backend, so the PostgreSQL report sorts text by code point too.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from psycopg import sql
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import RootCause
from complaintkit.reports import build_report, open_source
from complaintkit.storage.base import Storage

pytestmark = pytest.mark.postgres

#: Final whys a language collation orders otherwise (branches and natures are ids).
WHYS = ["Bad seal", "a leak"]


def _play(storage: str | Storage) -> list[str]:
    desk = Desk(GradingPolicy(), storage=storage, clock=ManualClock(T0), plugins=local_plugins())
    with desk.storage:
        for n, why in enumerate(WHYS):
            case = desk.intake(complaint(f"k{n}", "web", T0 - timedelta(hours=n)))
            cause = RootCause.from_json(
                {"fishbone": "process", "whys": [why], "nature": "systemic"}
            )
            desk.record_root_cause(case.id, cause, actor="li.na")
        report = build_report(open_source(desk.storage), now=T0)
        return [r.why for r in report.root_causes]


@pytest.fixture(name="language_collated")
def language_collated_fixture(postgres_server_url: str) -> Iterator[str]:
    schema = f"ck_test_{secrets.token_hex(6)}"
    url = scratch_url(postgres_server_url, schema)
    PostgresStorage(url).close()  # creates the schema
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL('ALTER TABLE {} ALTER COLUMN root_why TYPE text COLLATE "und-x-icu"').format(
                sql.Identifier(schema, "case_facts")
            )
        )
    try:
        yield url
    finally:
        drop_schema(postgres_server_url, schema)


def test_root_cause_ties_come_in_code_point_order(language_collated: str, tmp_path: Path) -> None:
    expected = _play(f"sqlite:///{tmp_path / 'cases.db'}")
    assert expected == WHYS
    assert _play(PostgresStorage(language_collated)) == expected
