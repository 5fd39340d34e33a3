"""Two ``dead-letters retry`` runs of one letter on PostgreSQL: the second finds it gone
and takes nothing in, as on SQLite; a letter purged meanwhile is not taken in."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from complaintkit_postgres import PostgresStorage

from complaintkit.cli.dead_letters import _retry
from complaintkit.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
GOOD = {"channel": "web", "external_id": "J-1", "customer": {"id": "c"}, "text": "late"}


def test_two_retries_of_one_letter_and_a_purge_take_it_in_once(postgres_url: str) -> None:
    first, second = (Desk(EmptyPolicy(), storage=PostgresStorage(postgres_url)) for _ in "12")
    try:
        record = json.dumps(GOOD | {"received_at": AT.isoformat()}).encode()
        first.storage.dead_letter("jsonl:in.jsonl:2", record, "policy bug", AT)
        other = json.dumps(GOOD | {"external_id": "J-2", "received_at": AT.isoformat()})
        first.storage.dead_letter("jsonl:in.jsonl:3", other.encode(), "policy bug", AT)
        taken, purged = first.storage.dead_letters()
        assert _retry(first, taken, None, {})[0] == "taken"
        assert _retry(second, taken, None, {})[0] == "gone"
        assert second.storage.purge_dead_letters([purged.id]) == 1
        assert _retry(first, purged, None, {})[0] == "gone"
        assert len(list(second.storage.case_ids())) == 1
    finally:
        first.storage.close()
        second.storage.close()
