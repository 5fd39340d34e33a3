"""``PGOPTIONS`` in the client's environment, as libpq reads it: the server settings of a
URL that gives no ``options`` of its own (an operator's ``lock_timeout`` for the store's
workers, set once for every libpq tool). The storage passes libpq its own options (the
schema's search path, ``url.PINNED``), which took the place of the environment's."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema

from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

pytestmark = pytest.mark.postgres


@pytest.fixture
def plain_url(postgres_server_url: str) -> Iterator[str]:
    """A storage URL on a fresh schema with no ``options`` of its own."""
    schema = f"jd_pgoptions_{secrets.token_hex(6)}"
    try:
        yield f"{postgres_server_url}?schema={schema}"
    finally:
        drop_schema(postgres_server_url, schema)


def _setting(storage: PostgresStorage, name: str) -> str:
    with storage.connection() as conn:
        row = conn.execute("SELECT current_setting(%s)", (name,)).fetchone()
    assert row is not None
    return str(row[0])


def test_the_environments_settings_reach_every_session(
    plain_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=4321 -c application_name=ck_jd")
    with PostgresStorage(plain_url) as storage:
        assert _setting(storage, "lock_timeout") == "4321ms"
        assert _setting(storage, "application_name") == "ck_jd"
        with storage.hold_outbox() as held:
            assert held
            with storage._holding() as conn:  # the outbox lock's own connection
                row = conn.execute("SELECT current_setting('lock_timeout')").fetchone()
                assert row == ("4321ms",)
    with PostgresStorage.reading(plain_url) as storage:
        assert _setting(storage, "lock_timeout") == "4321ms"


def test_the_urls_options_take_the_place_of_the_environments(
    plain_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As libpq: ``PGOPTIONS`` is what ``options`` is when the URL gives none."""
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=4321")
    with PostgresStorage(f"{plain_url}&options=-c%20statement_timeout%3D9876") as storage:
        assert _setting(storage, "statement_timeout") == "9876ms"
        assert _setting(storage, "lock_timeout") == "0"


def test_the_storages_own_settings_win_over_the_environments(
    plain_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search path, date style or isolation in ``PGOPTIONS`` (set for another tool)
    breaks neither where the store is nor how it reads and waits."""
    monkeypatch.setenv(
        "PGOPTIONS",
        r"-c search_path=elsewhere -c DateStyle=German "
        r"-c default_transaction_isolation=serializable",
    )
    with PostgresStorage(plain_url) as storage:
        desk = Desk(storage=storage)
        case = desk.intake(make_complaint("pgoptions-1", text="快递没到"))
        assert storage.get(case.id).to_json() == case.to_json()
        assert _setting(storage, "search_path") == storage.options.schema
        assert _setting(storage, "transaction_isolation") == "read committed"
