"""A SQLite claim reads each due body from its bytes (``stored_body``): every body must come
out as the usual read of the stored text (``stored_text``, then ``read_case``) gives it —
the same case, or the same damage named the same way."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.audit.stored import read_case
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.json_text import dumps, stored_body, stored_text
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

POLICY = str(Path(__file__).parents[2] / "policies" / "retail")
RECEIVED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # as make_complaint is received


def _outcome(body: object, case_id: str = "CK-1") -> str:
    """What reading ``body`` as the row ``case_id``'s gives."""
    try:
        case = read_case(body, case_id)  # type: ignore[arg-type]
    except DamagedRecord as exc:
        return f"damaged: {exc}"
    return dumps(case.to_json())


def _case_body() -> bytes:
    case = Case.from_json(
        {
            "id": "CK-1",
            "status": "received",
            "complaints": [make_complaint("E1").to_json()],
            "opened_at": RECEIVED.isoformat(),
            "updated_at": RECEIVED.isoformat(),
            "status_token": "t",
        }
    )
    return dumps(case.to_json()).encode()


_BODY = _case_body()
#: Edits a body may have had outside complaintkit, each a way the fast read could differ.
_EDITS = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",  # a UTF-8 byte order mark
        b"\x00",
        b"\xff",  # not UTF-8
        b"\xed\xa0\x80",  # a surrogate, which UTF-8 may not hold
        b'"\\ud800"',
        b"1234567890123456789012",  # an integer past 64 bits
        b"[]",
        b'"{}"',
        b" ",
        b"\x00{\x00}",
    ]
)


@given(
    st.lists(st.tuples(st.integers(0, len(_BODY)), _EDITS), max_size=3),
    st.booleans(),
)
def test_a_body_read_from_its_bytes_reads_as_its_text_does(
    edits: list[tuple[int, bytes]], blob: bool
) -> None:
    raw = _BODY
    for at, edit in edits:
        raw = raw[:at] + edit + raw[at:]
    assert _outcome(stored_body(raw, blob)) == _outcome(raw if blob else stored_text(raw))


@pytest.mark.parametrize("raw", [b'"{}"', b'"[]"', b"[{}]", b"{}", b"null", b"\xef\xbb\xbf{}"])
@pytest.mark.parametrize("blob", [False, True])
def test_json_that_is_no_case_object_reads_as_its_text_does(raw: bytes, blob: bool) -> None:
    assert _outcome(stored_body(raw, blob)) == _outcome(raw if blob else stored_text(raw))


@given(st.binary(max_size=40), st.booleans())
def test_any_bytes_read_as_their_text_does(raw: bytes, blob: bool) -> None:
    assert _outcome(stored_body(raw, blob)) == _outcome(raw if blob else stored_text(raw))


def test_a_claim_reads_text_blob_and_damaged_bodies_as_a_read_of_each_row_does(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    desk = Desk(load_policy(POLICY), storage=url, clock=ManualClock(RECEIVED))
    try:
        ids = [desk.intake(make_complaint(f"D{n}", customer=f"C{n}")).id for n in range(5)]
    finally:
        desk.storage.close()
    db = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    db.text_factory = bytes
    bodies = {key.decode(): body for key, body in db.execute("SELECT id, body FROM cases")}
    long_number = json.loads(bodies[ids[2]])
    long_number["attributes"] = {"n": 2**70}
    # (body, stored as a blob): text that is not UTF-8 is bytes cast to text
    stored = {
        ids[0]: (bodies[ids[0]], True),
        ids[1]: (bodies[ids[1]] + b"\xff", False),
        ids[2]: (json.dumps(long_number).encode(), False),
        ids[3]: ("\ufeff".encode() + bodies[ids[3]], False),
        ids[4]: (bodies[ids[4]], False),
    }
    for case_id, (body, blob) in stored.items():
        value = "?" if blob else "CAST(? AS TEXT)"
        db.execute(f"UPDATE cases SET body = {value} WHERE id = ?", (body, case_id))
    db.close()
    storage = SQLiteStorage(url)
    try:
        with storage.claim_due(RECEIVED + timedelta(days=30), 10) as due:
            claimed = {case.id: dumps(case.to_json()) for case in due}
            damaged = dict(getattr(due, "damaged", ()))
    finally:
        storage.close()
    assert len(claimed) + len(damaged) == len(ids)
    for case_id, (body, blob) in stored.items():
        expected = _outcome(body if blob else stored_text(body), case_id)
        got = f"damaged: {damaged[case_id]}" if case_id in damaged else claimed[case_id]
        assert got == expected, case_id
    assert damaged  # the edits above left some rows damaged, and the others read
