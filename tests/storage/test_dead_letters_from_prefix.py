"""``dead_letters_from(prefix)`` in SQLite reads a range of the index on ``source``: for
any texts, it finds exactly the letters whose source starts with the prefix."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
#: Texts near the edges of the range: the last code point, around the surrogates, ASCII.
CHARS = st.sampled_from(
    ["a", "b", ":", "%", "_", "\x7f", "\u07ff", "\ud7ff", "\ue000", "\U0010ffff"]
)
TEXTS = st.text(CHARS, max_size=4)


@settings(max_examples=60, deadline=None)
@given(sources=st.lists(TEXTS, max_size=6, unique=True), prefix=TEXTS)
def test_the_letters_from_a_prefix_are_those_starting_with_it(
    tmp_path_factory: pytest.TempPathFactory, sources: list[str], prefix: str
) -> None:
    folder = tmp_path_factory.mktemp("prefix")
    with SQLiteStorage(f"sqlite:///{folder / 'cases.db'}") as storage:
        for source in sources:
            storage.dead_letter(source, b"raw", "refused", AT)
        kept = storage.dead_letters()
        assert storage.dead_letters_from(prefix) == [d for d in kept if d.source.startswith(prefix)]
