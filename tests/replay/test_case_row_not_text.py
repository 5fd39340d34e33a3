"""``replay`` over a case row whose body was rewritten by hand as bytes that are not UTF-8
(as a blob, or as text SQLite holds undecoded): the case was named with what a JSON decoder
made of the bytes ("not valid JSON" and the decoder's words, a blob starting 0xFF 0xFE read
as UTF-16), while ``audit verify`` says the row is not UTF-8 text. The replay says so too."""

from __future__ import annotations

from pathlib import Path

import pytest
from answered_cases import replayed_after

from complaintkit.audit.sql_text import NOT_TEXT

BODIES = {
    "blob": "UPDATE cases SET body = X'FFFE7B7D' WHERE id = ?",
    "text": "UPDATE cases SET body = CAST(X'7B226964223A22FF227D' AS TEXT) WHERE id = ?",
}


@pytest.mark.parametrize("body", list(BODIES), ids=list(BODIES))
def test_a_case_row_of_bytes_not_utf8_is_named_so(tmp_path: Path, body: str) -> None:
    ids, result = replayed_after(tmp_path / "store.db", "字", BODIES[body], 0)
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    assert f"case {ids[0]} is damaged: {NOT_TEXT}" in result.damaged[0][1]
    assert result.comparison.cases == 2
