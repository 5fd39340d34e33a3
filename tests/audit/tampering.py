"""A store with history, and an attacker's raw access to its tables (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from complaintkit_postgres.url import parse_url

from complaintkit.audit.keys import AuditKey
from complaintkit.audit.ledger import next_entry, parse_entry
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_writes import write_facts
from complaintkit.testing.storage_contract import make_complaint


def run(*args: str) -> Result:
    """The CLI as a user runs it; an exception escaping it fails the test (no tracebacks)."""
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=True)))
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def audit(url: str, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    result = run("--db", url, "audit", "verify", "--json", *extra)
    return result.exit_code, json.loads(result.stdout)["broken"]


def fill(url: str) -> list[str]:
    """Three cases with a few events each: assigned, responded, resolved."""
    desk = Desk(storage=url)
    try:
        ids = []
        for n in range(3):
            case = desk.intake(make_complaint(f"T{n}", customer=f"C{n}"))
            desk.assign(case.id, "li.na", actor="lead")
            desk.respond(case.id, "已安排 / on it", actor="li.na")
            desk.transition(case.id, "investigating", actor="li.na")
            desk.resolve(case.id, "refunded in full", actor="li.na")
            ids.append(case.id)
        return ids
    finally:
        desk.storage.close()


class Tables:
    """Raw SQL on a store's tables, the way someone with database access would edit them."""

    def __init__(self, url: str) -> None:
        self.postgres = url.startswith("postgres")
        if self.postgres:
            options = parse_url(url)
            self._db: Any = psycopg.connect(
                options.conninfo, autocommit=True, options=options.server_options
            )
        else:
            self._db = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)

    def close(self) -> None:
        self._db.close()

    def execute(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self.postgres:
            sql = sql.replace("?", "%s").replace("BODY", "%s::jsonb")
        else:
            sql = sql.replace("BODY", "?")
        cursor = self._db.execute(sql, params)
        return list(cursor.fetchall()) if cursor.description else []

    def _json(self, value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else json.loads(value)

    def events(self, case_id: str) -> list[dict[str, Any]]:
        rows = self.execute("SELECT body FROM events WHERE case_id = ? ORDER BY seq", case_id)
        return [self._json(body) for (body,) in rows]

    def write_event(self, case_id: str, seq: int, body: dict[str, Any] | str) -> None:
        text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        self.execute(
            "UPDATE events SET body = BODY WHERE case_id = ? AND seq = ?", text, case_id, seq
        )

    def insert_event(self, case_id: str, body: dict[str, Any]) -> None:
        self.execute(
            "INSERT INTO events (case_id, seq, kind, at, body) VALUES (?, ?, ?, ?, BODY)",
            case_id,
            body["seq"],
            body["kind"],
            body["at"],
            json.dumps(body, ensure_ascii=False),
        )
        self._logged("INSERT INTO event_log (case_id, seq) VALUES (?, ?)", case_id, body["seq"])

    def delete_events(self, case_id: str, *, after: int) -> None:
        """Delete ``case_id``'s events after event ``after``, and (SQLite) their rows in the
        event feed's log, as a thorough attacker would."""
        self.execute("DELETE FROM events WHERE case_id = ? AND seq > ?", case_id, after)
        self._logged("DELETE FROM event_log WHERE case_id = ? AND seq > ?", case_id, after)

    def _logged(self, sql: str, *params: Any) -> None:
        """Keep SQLite's event feed log (PostgreSQL has none) in step with an edit."""
        if not self.postgres:
            self.execute(sql, *params)

    def case(self, case_id: str) -> dict[str, Any]:
        (body,) = self.execute("SELECT body FROM cases WHERE id = ?", case_id)[0]
        return self._json(body)

    def write_case(self, case_id: str, body: dict[str, Any]) -> None:
        """Write the body and the columns that repeat it, so the row is self-consistent,
        and the report rows it gives (PostgreSQL's trigger derives them itself)."""
        self.execute(
            "UPDATE cases SET body = BODY, version = ?, status = ?, is_open = ?, owner = ? "
            "WHERE id = ?",
            json.dumps(body, ensure_ascii=False),
            body["version"],
            body["status"],
            body["status"] not in ("closed", "rejected", "withdrawn"),
            body["owner"],
            case_id,
        )
        if not self.postgres:
            try:
                case = Case.from_stored(body)
            except (ValueError, TypeError, KeyError, ComplaintkitError):
                return  # a body no case reads: no report rows follow from it
            write_facts(self._db, [case])

    def rechain(self, case_id: str, seq: int, edit: dict[str, Any]) -> None:
        """Edit event ``seq``'s data, recompute every hash after it, and rewrite the case
        row from the forged history: all an attacker without a key can do to one case."""
        events = [CaseEvent.from_json(e) for e in self.events(case_id)]
        forged: list[CaseEvent] = events[: seq - 1]
        for event in events[seq - 1 :]:
            data = {**event.data, **edit} if event.seq == seq else event.data
            forged.append(
                CaseEvent.chained(
                    case_id=case_id,
                    seq=event.seq,
                    kind=event.kind,
                    at=event.at,
                    actor=event.actor,
                    reason=event.reason,
                    data=data,
                    prev_hash=forged[-1].hash if forged else event.prev_hash,
                )
            )
        for event in forged[seq - 1 :]:
            self.write_event(case_id, event.seq, event.to_json())
        self.write_case(case_id, replay(forged).to_json())

    def reseal_ledger(self, key: AuditKey | None) -> None:
        """Recompute every ledger entry so it commits the cases' current heads."""
        heads = {}
        for (case_id,) in self.execute("SELECT id FROM cases"):
            last = self.events(case_id)[-1]
            heads[case_id] = (case_id, last["seq"], last["hash"])
        rows = self.execute("SELECT id, body FROM ledger ORDER BY id")
        previous = None
        for id_, body in rows:
            entry = parse_entry(body)
            current = tuple(heads.get(h[0], h) for h in entry.heads)
            forged = next_entry(previous, current, key)
            self.execute(
                "UPDATE ledger SET hash = ?, body = ? WHERE id = ?",
                forged.hash,
                forged.stored_text(),
                id_,
            )
            previous = (forged.id, forged.hash)


# --- fixtures: import them into a test module to use them ---------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    if request.param == "sqlite":
        SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}").close()  # an empty store
        return f"sqlite:///{tmp_path / 'cases.db'}"
    found = str(request.getfixturevalue("postgres_url"))
    Desk(storage=found).storage.close()  # an empty store: reading commands create none
    return found


@pytest.fixture
def store(url: str) -> Iterator[tuple[str, list[str], Tables]]:
    """A store with three cases that verifies clean, and raw access to its tables."""
    ids = fill(url)
    assert audit(url) == (0, [])
    tables = Tables(url)
    try:
        yield url, ids, tables
    finally:
        tables.close()
