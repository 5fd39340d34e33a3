"""A dead letter is kept once even when two processes keep it at the same time (the same
file taken in by two workers, a message JetStream delivered again to another reader while
the first still held it): each looked for the letter before the other committed, so
neither saw the other's, and both inserted it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from complaintkit_postgres import PostgresStorage

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LETTER = ("in.jsonl:7", b"[1, 2]", "complaint: must be an object", AT)


def test_a_letter_two_transactions_keep_at_once_is_kept_once(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as first, PostgresStorage(postgres_url) as second:
        other = threading.Thread(target=second.dead_letter, args=LETTER)
        with first.transaction():  # a chunk's letters, as intake keeps them: one commit
            first.dead_letter(*LETTER)
            other.start()
            other.join(timeout=2)  # done at once, or waiting for this commit
        other.join()
        assert [(d.source, d.raw) for d in second.dead_letters()] == [LETTER[:2]]


def test_letters_that_differ_only_in_raw_input_are_both_kept(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        storage.dead_letter("<stdin>:3", b"{", "line: is not JSON", AT)
        storage.dead_letter("<stdin>:3", b"{{", "line: is not JSON", AT)
        storage.dead_letter("<stdin>:3", b"{", "line: is not JSON", AT)
        assert [d.raw for d in storage.dead_letters()] == [b"{", b"{{"]
