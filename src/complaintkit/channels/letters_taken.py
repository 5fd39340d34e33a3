"""Dead letters whose record a later run took in at the same place.

A record refused once — a writer's half line read before the writer ended it, a line the
producer fixed since — is taken in by a later run from the same place (``in.jsonl:2``,
read with the same options). Its letter would be listed forever beside the case, and
``dead-letters retry`` would refuse its old bytes again. A letter is the record's when
its source is the place the record was read from and its bytes begin the record's: the
half line, or the very line refused for a reason since fixed. A file replaced by another
holds other bytes there, and its letters are kept.
"""

from __future__ import annotations

from collections import defaultdict

from complaintkit.storage.base import Storage


class LettersTaken:
    """The letters of one channel's run, looked up by place; its channel's letters only
    are read from ``storage``, once, when the first record with a place and bytes is
    taken in."""

    def __init__(self, storage: Storage, channel: str) -> None:
        self._storage = storage
        self._prefix = f"{channel}:"
        self._by_source: dict[str, list[tuple[int, bytes]]] | None = None

    def of(self, source: str, raw: bytes) -> list[int]:
        """The ids of the letters kept at ``source`` that the record ``raw`` taken in
        there now answers (each once: the caller purges them)."""
        by_source = self._letters()
        kept = by_source.get(source, [])
        answered = [id_ for id_, held in kept if raw.startswith(held)]
        by_source[source] = [(id_, held) for id_, held in kept if id_ not in answered]
        return answered

    def kept_at(self, source: str) -> bool:
        """Whether a letter is kept at ``source``: a record's bytes worked out only to be
        compared (a complaint's JSON) need not be where none is."""
        return bool(self._letters().get(source))

    def _letters(self) -> dict[str, list[tuple[int, bytes]]]:
        if self._by_source is None:
            self._by_source = defaultdict(list)
            for letter in self._storage.dead_letters_from(self._prefix):
                if letter.raw:
                    self._by_source[letter.source].append((letter.id, letter.raw))
        return self._by_source
