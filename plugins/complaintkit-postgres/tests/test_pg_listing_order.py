"""PostgreSQL lists cases in the order SQLite and memory do, whatever the database's
collation: by code point, as Python compares text. Ties (cases opened or due at the same
instant) are broken by the case id, and an id a plugin or an embedding application chose
may hold any text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from pg_cases import ladder_case
from pg_collated import language_collated_server

from complaintkit.storage.base import CaseQuery

__all__ = ["language_collated_server"]  # the fixture, used by name

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
#: Ids an English collation orders otherwise than code points: case first, "-" and " "
#: ignored, accents after.
IDS = ["CK-b", "CK-A", "ck-a", "CK-a", "Zo\u00eb", "Zoe", "a b", "a-b", "ab", "\u738b"]


@pytest.fixture
def storage(language_collated_server: str) -> Iterator[PostgresStorage]:
    schema = "ck_listing_order"
    with PostgresStorage(scratch_url(language_collated_server, schema)) as backend:
        for n, case_id in enumerate(IDS):  # opened and due at the same instants
            backend.intake(*ladder_case(n, T0, [T0 + timedelta(hours=1)], case_id))
        yield backend
    drop_schema(language_collated_server, schema)


def test_cases_opened_at_one_instant_are_found_in_id_order(storage: PostgresStorage) -> None:
    assert [case.id for case in storage.find(CaseQuery())] == sorted(IDS)
    assert [case.id for case in storage.find(CaseQuery(limit=3))] == sorted(IDS)[:3]


def test_case_ids_come_in_code_point_order(storage: PostgresStorage) -> None:
    assert list(storage.case_ids()) == sorted(IDS)


def test_cases_due_at_one_instant_are_claimed_in_id_order(storage: PostgresStorage) -> None:
    with storage.claim_due(T0 + timedelta(days=1), 4) as due:
        assert [case.id for case in due] == sorted(IDS)[:4]
