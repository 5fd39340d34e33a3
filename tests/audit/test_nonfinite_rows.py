"""A number that is no JSON number (``NaN``, ``Infinity``, ``1e400``) in a stored row is
damage, not a value.

Python's ``json`` reads them as floats, and canonical JSON writes a non-finite float as
``null``: an event whose ``null`` was edited into ``NaN`` still matched its hash, so the
audit passed a history that reads otherwise than it was sealed. PostgreSQL's jsonb takes
``1e400`` as a number. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
import tampering
from tampering import Tables, audit, run

store = tampering.store
url = tampering.url


@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1e400"])
def test_a_null_edited_into_a_non_finite_number_is_malformed(
    store: tuple[str, list[str], Tables], number: str
) -> None:
    url, ids, tables = store
    if tables.postgres and number != "1e400":
        pytest.skip("jsonb refuses NaN and Infinity")
    event = tables.events(ids[1])[2]  # assigned: its team is null
    assert event["data"]["team"] is None
    text = tables.execute("SELECT body FROM events WHERE case_id = ? AND seq = 3", ids[1])[0][0]
    if tables.postgres:
        text = tables.execute(
            "SELECT body::text FROM events WHERE case_id = ? AND seq = 3", ids[1]
        )[0][0]
    forged = text.replace('"team": null', f'"team": {number}').replace(
        '"team":null', f'"team":{number}'
    )
    assert forged != text
    tables.write_event(ids[1], 3, forged)
    code, broken = audit(url)
    assert code == 1
    named = {(b["code"], b["case_id"], b["seq"]) for b in broken}
    # jsonb keeps 1e400 as the integer it is: another value, so another hash
    assert ("chain" if tables.postgres else "malformed", ids[1], 3) in named
    if not tables.postgres:  # the event cannot be read back: everyday reads name it too
        shown = run("--db", url, "cases", "show", ids[1])
        assert shown.exit_code == 1
        assert "event 3" in shown.output


@pytest.mark.parametrize("field", ["reason", "actor"])
def test_a_lone_surrogate_in_an_event_is_malformed(
    store: tuple[str, list[str], Tables], field: str
) -> None:
    """JSON text may escape half a surrogate pair; Python reads it, and hashing it raised.
    (PostgreSQL's jsonb refuses it.)"""
    url, ids, tables = store
    if tables.postgres:
        pytest.skip("jsonb refuses a lone surrogate")
    (text,) = tables.execute("SELECT body FROM events WHERE case_id = ? AND seq = 2", ids[1])[0]
    forged = text.replace(f'"{field}":"', f'"{field}":"\\ud800', 1)
    assert forged != text
    tables.write_event(ids[1], 2, forged)
    code, broken = audit(url)
    assert code == 1
    assert ("malformed", ids[1], 2) in {(b["code"], b["case_id"], b["seq"]) for b in broken}
