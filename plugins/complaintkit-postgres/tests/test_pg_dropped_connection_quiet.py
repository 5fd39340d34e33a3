"""A connection the server ends while a command uses it (an administrator, a failover, a
restart) costs the command one clean error line: psycopg's pool logged 'discarding closed
connection: <psycopg.Connection [BAD] at 0x7f…>' on stderr before it, through Python's
last-resort handler, a line of the library's own that no operator can act on. The end is
placed, not timed: the intake waits on a lock this test holds, and is ended there."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from psycopg import sql

pytestmark = pytest.mark.postgres

LINE = (
    '{"channel": "web", "external_id": "W-1", "received_at": "2026-11-23T09:30:00+08:00", '
    '"customer": {"id": "c1"}, "text": "the parcel arrived broken"}\n'
)


def _waiting_on_a_lock(admin: psycopg.Connection[tuple[object, ...]], name: str) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
        "AND wait_event_type = 'Lock'",
        (name,),
    ).fetchone()
    return row is not None and row[0] == 1


def test_a_connection_ended_mid_intake_leaves_one_error_line(
    postgres_server_url: str, postgres_url: str, tmp_path: Path
) -> None:
    with PostgresStorage(postgres_url):
        pass  # the schema made, so only the intake's own work waits on the lock
    schema = parse_qs(urlsplit(postgres_url).query)["schema"][0]
    name = f"ck-quiet-{secrets.token_hex(4)}"
    source = tmp_path / "in.jsonl"
    source.write_text(LINE, encoding="utf-8")
    with (
        psycopg.connect(postgres_server_url) as admin,
        psycopg.connect(postgres_server_url, autocommit=True) as watcher,
    ):
        admin.execute(
            sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
                sql.Identifier(schema, "intake_keys")
            )
        )
        intake = subprocess.Popen(
            [sys.executable, "-m", "complaintkit", "--db",
             f"{postgres_url}&application_name={name}",
             "intake", "--channel", "jsonl", str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )  # fmt: skip
        deadline = time.monotonic() + 120  # readiness, not an assertion on time
        while not _waiting_on_a_lock(watcher, name):
            assert intake.poll() is None, intake.communicate()
            assert time.monotonic() < deadline, "the intake never waited on the lock"
            time.sleep(0.05)
        watcher.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (name,),
        )
        admin.rollback()
        _, stderr = intake.communicate(timeout=120)
    assert intake.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
