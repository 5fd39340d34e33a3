"""An intake run looks up the letters its records answer among its own channel's letters:
it read every dead letter of the store (every channel's raw bytes) once per run."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit.channels.letters_taken import LettersTaken
from complaintkit.storage.base import DeadLetter
from complaintkit.storage.memory import MemoryStorage

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


class EveryLetterRefused(MemoryStorage):
    """A store whose full listing must not be read."""

    def dead_letters(self) -> list[DeadLetter]:
        raise AssertionError("every dead letter was read")


def test_a_run_reads_only_the_letters_of_its_channel() -> None:
    storage = EveryLetterRefused()
    storage.dead_letter("jsonl:in.jsonl:2", b'{"half', "unfinished line", AT)
    storage.dead_letter("csv:in.jsonl:2", b'{"half', "another channel's", AT)
    taken = LettersTaken(storage, "jsonl")
    (letter,) = storage.dead_letters_from("jsonl:")
    assert taken.of("jsonl:in.jsonl:2", b'{"half": 1}') == [letter.id]
    assert taken.of("jsonl:in.jsonl:2", b'{"half": 1}') == []
