"""SQLite's event feed log (``event_log``) feeds every stored event once.

``GET /events`` pages through ``event_log`` joined to ``events``: an event whose log row
was deleted is never delivered, a row written twice delivers it twice, and a row naming
no stored event points at nothing. ``audit verify`` passed all three.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tampering import Tables, audit, fill

from complaintkit.storage.sqlite import SQLiteStorage


@pytest.fixture
def store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, list[str], Tables]]:
    for name in ("COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(url).close()
    ids = fill(url)
    assert audit(url) == (0, [])
    tables = Tables(url)
    try:
        yield url, ids, tables
    finally:
        tables.close()


def _feed(findings: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["case_id"], f["seq"]) for f in findings if f["code"] == "feed"]


def test_an_event_without_its_log_row_is_named(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    tables.execute("DELETE FROM event_log WHERE case_id = ? AND seq = 3", ids[1])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert _feed(findings) == [(ids[1], 3)]
    assert len(findings) == 1


def test_an_event_logged_twice_is_named(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    tables.execute("INSERT INTO event_log (case_id, seq) VALUES (?, 2)", ids[0])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert _feed(findings) == [(ids[0], 2)]
    assert len(findings) == 1


def test_a_log_row_naming_no_stored_event_is_named(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    tables.execute("UPDATE event_log SET seq = 99 WHERE case_id = ? AND seq = 2", ids[2])
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert sorted(_feed(findings)) == [(ids[2], 2), (ids[2], 99)]
    assert len(findings) == 2
