"""A stored case is not taken in again: input limits tightened since do not lock it.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
import tampering
from tampering import Tables, audit

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model import complaint as complaint_module
from complaintkit.testing.storage_contract import make_complaint

store = tampering.store
url = tampering.url


def test_a_case_over_a_limit_lowered_since_can_still_be_worked_on(
    store: tuple[str, list[str], Tables], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, ids, tables = store
    text = tables.case(ids[0])["complaints"][0]["text"]
    monkeypatch.setattr(complaint_module, "MAX_TEXT_CHARS", len(text) - 1)
    desk = Desk(storage=url)
    try:
        with pytest.raises(InvalidInput, match="limit"):  # new input meets the new limit
            desk.intake(make_complaint("T9", customer="C9", text=text))
        assert desk.get(ids[0]).complaint.text == text
        closed = desk.transition(ids[0], "closed", actor="li.na")
        assert [c.id for c in desk.find(status="closed")] == [ids[0]]
        desk.tick(closed.updated_at)
    finally:
        desk.storage.close()
    assert tables.case(ids[0])["complaints"][0]["text"] == text


def test_a_case_over_a_limit_lowered_since_verifies(
    store: tuple[str, list[str], Tables], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its row and its events were checked when written: the audit looks for damage and
    tampering, and a limit tightened since is neither."""
    url, ids, tables = store
    text = tables.case(ids[0])["complaints"][0]["text"]
    monkeypatch.setattr(complaint_module, "MAX_TEXT_CHARS", len(text) - 1)
    assert audit(url) == (0, [])
    monkeypatch.setattr(complaint_module, "MAX_TEXT_CHARS", 5)  # every case over it
    assert audit(url) == (0, [])


def test_a_stored_value_input_refuses_still_reads(store: tuple[str, list[str], Tables]) -> None:
    url, ids, tables = store
    body = tables.case(ids[1])
    body["complaints"][0]["customer"]["contact"] = "a@example.com, b@example.com"
    tables.write_case(ids[1], body)
    desk = Desk(storage=url)
    try:
        assert desk.get(ids[1]).complaint.customer.contact == "a@example.com, b@example.com"
        desk.transition(ids[1], "closed", actor="li.na")
    finally:
        desk.storage.close()
    assert tables.case(ids[1])["status"] == "closed"
    # the row no longer says what its events say: the audit names it
    found = [(f["code"], f["case_id"], f["problem"]) for f in audit(url)[1]]
    assert [(code, case) for code, case, _ in found] == [("row", ids[1])]
    assert found[0][2] == (
        "the case row says complaints[0].customer.contact 'a@example.com, b@example.com' "
        "but its events say None"  # make_complaint gives no address
    )
