"""``dead_letters_from(prefix)`` on PostgreSQL: the prefix is plain text (LIKE's ``%``,
``_`` and ``\\`` match themselves), and the look-up reads an index rather than every letter:
an intake run asks it for its channel's letters, however many other letters are kept."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.dead_letters import FROM_PREFIX
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.postgres

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
#: LIKE's wildcards and escape, a letter in two cases, the edges of the code points.
CHARS = st.sampled_from(["a", "A", ":", "%", "_", "\\", "\u00e9", "\ud7ff", "\U0010ffff"])
TEXTS = st.text(CHARS, max_size=4)


@pytest.fixture(scope="module")
def storage(postgres_server_url: str) -> Iterator[PostgresStorage]:
    schema = f"ck_test_{secrets.token_hex(6)}"  # each process running the module has its own
    with PostgresStorage(scratch_url(postgres_server_url, schema)) as backend:
        yield backend
    drop_schema(postgres_server_url, schema)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sources=st.lists(TEXTS, max_size=6, unique=True), prefix=TEXTS)
def test_the_letters_from_a_prefix_are_those_starting_with_it(
    storage: PostgresStorage, sources: list[str], prefix: str
) -> None:
    storage.purge_dead_letters([d.id for d in storage.dead_letters()])
    for source in sources:
        storage.dead_letter(source, b"raw", "refused", AT)
    kept = storage.dead_letters()
    assert storage.dead_letters_from(prefix) == [d for d in kept if d.source.startswith(prefix)]


@pytest.mark.parametrize("prefix", ["csv:", "csv:a%", "csv:a_b\\", "\u90ae\u4ef6:"])
def test_the_look_up_by_prefix_reads_an_index(storage: PostgresStorage, prefix: str) -> None:
    """Asked with sequential scans off, the planner reads the index on ``source`` when it
    serves the query; when none does, it scans the table, or every entry of another index
    (the primary key's, in ``id`` order), anyway."""
    with storage.connection() as conn, conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")
        plan = "\n".join(row[0] for row in conn.execute("EXPLAIN " + FROM_PREFIX, {"p": prefix}))
    assert "dead_letters_source" in plan, plan
