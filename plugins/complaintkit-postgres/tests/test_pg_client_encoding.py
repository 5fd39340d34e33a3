"""Text in every Unicode plane is stored and read back whatever client encoding the
deployment gives the store's sessions.

A DBA may set a role's or database's ``client_encoding`` (``LATIN1`` for an old reporting
tool), or the environment ``PGCLIENTENCODING``; the server then translates every text it
sends into it, and a complaint in Chinese could no longer be read.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from complaintkit_postgres import PostgresStorage
from pg_roles import role_url

from complaintkit.delivery.outgoing import Outgoing
from complaintkit.desk import Desk
from complaintkit.model.message import Message
from complaintkit.storage.base import CaseQuery
from complaintkit.testing.storage_contract import make_complaint

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
#: one character from each plane in use, and Latin-1's own
TEXT = "快递三天没到 é ß \u0100 \U0001f600 \U00020000 \U000e0001 \U000f0000 \U0010fffd"


def _round_trip(url: str) -> None:
    with PostgresStorage(url) as storage:
        desk = Desk(storage=storage)
        case = desk.intake(make_complaint("planes", customer="客户\U0001f600", text=TEXT))
        assert storage.get(case.id).to_json() == case.to_json()
        assert [c.id for c in storage.find(CaseQuery(customer_id="客户\U0001f600"))] == [case.id]
        assert storage.events(case.id) == desk.storage.events(case.id)
        assert storage.find_by_key("web", "planes") is not None


@pytest.mark.parametrize("encoding", ["LATIN1", "WIN1252"])
def test_a_role_with_another_client_encoding_reads_back_every_plane(
    postgres_server_url: str, encoding: str
) -> None:
    with role_url(postgres_server_url, {"client_encoding": encoding}) as url:
        _round_trip(url)


def test_pgclientencoding_in_the_environment_reads_back_every_plane(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGCLIENTENCODING", "LATIN1")
    _round_trip(postgres_url)


def test_the_outbox_holder_reads_deliveries_in_every_plane(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGCLIENTENCODING", "LATIN1")
    with PostgresStorage(postgres_url) as storage:
        message = Message(to="c@example.com", subject="投诉", body=TEXT, case_id="CK-1")
        storage.enqueue([Outgoing.message("mail", message, T0)])
        with storage.hold_outbox() as held:
            assert held
            (due,) = storage.due_deliveries(T0, limit=10)
    assert due.outgoing.payload == Outgoing.message("mail", message, T0).payload
