"""A dead letter whose columns SQLite's loose typing let be edited to another type — its raw
input written back as text (``UPDATE dead_letters SET raw = '{…}'`` in the sqlite3 shell
stores TEXT), or a number; a source or reason as bytes that are no UTF-8 — ended every
``complaintkit dead-letters`` command in a traceback, ``purge`` included, so the letter
could not even be removed. Each column now reads back as its type: raw text as its UTF-8
bytes, a number as its digits, text that is no UTF-8 with its bytes escaped, a count that
is no whole number as none."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: What SQLite keeps in a column whatever its declared type.
STORED = st.one_of(
    st.text(max_size=8),
    st.binary(max_size=8),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),  # SQLite keeps NaN as NULL, which the columns refuse
)
COLUMNS = st.sampled_from(["source", "raw", "reason", "retries"])


@settings(max_examples=60, deadline=None)
@given(column=COLUMNS, value=STORED)
def test_a_letter_with_a_column_of_another_type_is_listed_shown_and_purged(
    column: str, value: object
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/c.db"
        with SQLiteStorage(url) as storage:
            storage.dead_letter("jsonl:in.jsonl:1", b'{"text": 1}', "text: must be text", T0)
            with storage._transaction() as db:
                db.execute(f"UPDATE dead_letters SET {column} = ?", (value,))
            (letter,) = storage.dead_letters()
            if column == "raw" and isinstance(value, str):
                assert letter.raw == value.encode("utf-8")
        for command in (["list"], ["count"], ["show", str(letter.id)], ["purge", "--all"]):
            result = CliRunner().invoke(build_cli(), ["--db", url, "dead-letters", *command])
            assert result.exit_code == 0, (command, result.output)
            assert "Traceback" not in result.output
