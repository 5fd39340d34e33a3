"""A key no stored record has, added to an event or a case row, is named by the audit.

The event's hash covers only the fields an event has, and the case row is compared with
its replay field by field, so a key added beside them (a note smuggled into history, a
value another tool reads) went unseen: ``audit verify`` passed the edited store.
"""

from __future__ import annotations

import tampering
from tampering import Tables, audit

store = tampering.store
url = tampering.url


def test_a_key_added_to_a_stored_event_is_named_with_its_case_and_event(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    event = tables.events(ids[1])[1]
    event["approved_by"] = "the director"
    tables.write_event(ids[1], 2, event)
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert [(f["code"], f["case_id"], f["seq"]) for f in findings] == [("malformed", ids[1], 2)]
    assert "'approved_by'" in findings[0]["problem"]


def test_a_key_added_to_a_case_row_is_named_with_its_case(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    tables.write_case(ids[2], {**tables.case(ids[2]), "refund_approved": True})
    exit_code, findings = audit(url)
    assert exit_code == 1
    assert {(f["code"], f["case_id"]) for f in findings} == {("malformed", ids[2])}
    assert any("'refund_approved'" in f["problem"] for f in findings)
