"""A feed finding about an event whose ``seq`` column is no event number says which row
it means: it read "case CK-…: the event feed's log holds no row for it", naming no event."""

from __future__ import annotations

from pathlib import Path

from tampering import Tables, audit, fill


def test_an_unlogged_event_with_no_event_number_is_named_by_its_seq_column(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    case_id = fill(url)[0]
    t = Tables(url)
    try:
        t.execute("UPDATE events SET seq = 2.5 WHERE case_id = ? AND seq = 2", case_id)
    finally:
        t.close()
    code, findings = audit(url)
    assert code == 1
    unlogged = [f for f in findings if f["code"] == "feed" and f["seq"] is None]
    assert len(unlogged) == 1
    assert unlogged[0]["case_id"] == case_id
    assert "2.5" in unlogged[0]["problem"]
