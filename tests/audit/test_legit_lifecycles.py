"""Nothing legitimate is ever tampering: any lifecycle people and the scheduler can make —
intake, imports of old cases, responses, moves, reassignments, facts, compensation offered
and answered, reopenings, follow-ups, ticks firing warnings, breaches and escalations, a
policy changed between them — verifies clean, on SQLite and PostgreSQL; and what
``cases show --json`` exports holds every event, chains and replays to the case shown.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifecycles import START, STEP, TEXTS, play
from tampering import audit, run

from complaintkit.clock import ManualClock
from complaintkit.model.audit import verify_chain
from complaintkit.model.canonical import canonical_json
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay

LIFECYCLE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check(url: str, steps: list[tuple[str, Any]], *audited: str) -> None:
    play(url, steps, ManualClock(START))
    assert audit(url, *audited) == (0, [])
    for listed in json.loads(run("--db", url, "cases", "list", "--json").output):
        shown = json.loads(run("--db", url, "cases", "show", "--json", listed["id"]).output)
        events = [CaseEvent.from_json(event) for event in shown["events"]]
        assert [event.seq for event in events] == list(range(1, len(events) + 1))
        assert verify_chain(listed["id"], events) is None
        assert canonical_json(replay(events).to_json()) == canonical_json(shown["case"])


@pytest.fixture
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPLAINTKIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", "a lifecycle audit key of 32 bytes")


@LIFECYCLE
@given(st.lists(STEP, min_size=3, max_size=25))
def test_any_legitimate_lifecycle_verifies_sealed_from_start_on_sqlite(
    keyed: None, steps: list[tuple[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/cases.db"
        _check(url, [("intake", TEXTS[0]), *steps], "--sealed-from-start")


@pytest.fixture
def schemas(postgres_server_url: str) -> Iterator[list[str]]:
    made: list[str] = []
    yield made
    for schema in made:
        drop_schema(postgres_server_url, schema)


@pytest.mark.postgres
@LIFECYCLE
@given(st.lists(STEP, min_size=3, max_size=25))
def test_any_legitimate_lifecycle_verifies_on_postgres(
    no_key: None, postgres_server_url: str, schemas: list[str], steps: list[tuple[str, Any]]
) -> None:
    schemas.append(f"ck_test_{secrets.token_hex(6)}")
    _check(scratch_url(postgres_server_url, schemas[-1]), [("intake", TEXTS[0]), *steps])
