"""``replay`` over an event whose body was rewritten by hand as a blob (the same JSON, or
bytes that are not UTF-8 text): ``audit verify`` names it, since SQLite's JSON functions
read a blob otherwise than text, yet a blob of the same JSON replayed as sound, "0 would
change", exit 0. The case is named as damaged, with the event, and the others compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from answered_cases import POLICY, replayed_after
from click.testing import CliRunner

from complaintkit.cli import build_cli

BLOBS = {
    "the same JSON": "UPDATE events SET body = CAST(body AS BLOB) WHERE case_id = ? AND seq = 2",
    "not UTF-8": "UPDATE events SET body = X'7B22FF227D' WHERE case_id = ? AND seq = 2",
}


@pytest.mark.parametrize("blob", list(BLOBS), ids=list(BLOBS))
def test_an_event_stored_as_a_blob_is_named(tmp_path: Path, blob: str) -> None:
    db = tmp_path / "store.db"
    ids, result = replayed_after(db, "块", BLOBS[blob], 1)
    assert [case_id for case_id, _ in result.damaged] == [ids[1]]
    assert f"case {ids[1]}: stored event 2 is damaged: stored as a blob" in result.damaged[0][1]
    assert result.comparison.cases == 2
    one = CliRunner().invoke(
        build_cli(), ["--db", f"sqlite:///{db}", "replay", str(POLICY), "--case", ids[1]]
    )
    assert one.exit_code == 1
    assert f"damaged case {ids[1]}: " in one.output
    assert "Traceback" not in one.output
