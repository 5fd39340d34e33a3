"""A JSON body refused for declaring a charset other than UTF-8 keeps that charset with its
dead letter, so ``dead-letters retry`` reads the bytes as they were sent: read as UTF-8,
漏水 in GBK (``C2 A9 CB AE``) would open a case saying ``©ˮ``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _refused(db: str, charset: str, text: str) -> bytes:
    complaint = {"external_id": "GBK-1", "customer": {"id": "c"}, "text": text}
    body = json.dumps(complaint, ensure_ascii=False).encode(charset)
    with SQLiteStorage(db) as storage:
        app = create_app(Desk(storage=storage))
        with running_server(app) as url, loopback_client(base_url=url) as client:
            kind = f"application/json; charset={charset}"
            answer = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert answer.status_code == 422, answer.text
    return body


def _retry(db: str, *options: str) -> dict[str, str]:
    result = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", *options]
    )
    (outcome,) = json.loads(result.stdout)
    return outcome  # type: ignore[no-any-return]


def test_a_retry_reads_the_body_in_the_charset_it_declared(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    _refused(db, "gbk", "漏水")
    outcome = _retry(db)
    assert outcome["outcome"] == "taken", outcome
    with SQLiteStorage(db) as storage:
        case = storage.find_by_key("http", "GBK-1")
        assert case is not None
        assert case.complaint.text == "漏水"
        assert storage.dead_letters() == []


def test_a_body_in_utf16_is_read_as_declared_too(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    _refused(db, "utf-16", "漏水")
    assert _retry(db)["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        case = storage.find_by_key("http", "GBK-1")
        assert case is not None
        assert case.complaint.text == "漏水"


def test_bytes_the_recorded_charset_cannot_read_stay_a_letter_naming_it(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    body = json.dumps({"external_id": "X", "customer": {"id": "c"}, "text": "漏水"}).encode()
    with SQLiteStorage(db) as storage:
        storage.dead_letter('http:web:0a {"charset":"nonesuch"}', body, "refused", AT)
        storage.dead_letter('http:web:0b {"charset":"ascii"}', "漏水".encode(), "refused", AT)
    first, second = (_retry_one(db, n) for n in (1, 2))
    assert first["outcome"] == "refused"
    assert "charset" in first["reason"]
    assert "nonesuch" in first["reason"]
    assert second["outcome"] == "refused"
    assert "ascii" in second["reason"]
    with SQLiteStorage(db) as storage:
        assert len(storage.dead_letters()) == 2


def _retry_one(db: str, letter: int) -> dict[str, str]:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "retry", str(letter), "--json"])
    (outcome,) = json.loads(result.stdout)
    return outcome  # type: ignore[no-any-return]
