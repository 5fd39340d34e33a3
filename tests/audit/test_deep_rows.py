"""A row nested deeper than Python reads JSON is damage, named like any other.

Python's ``json`` gives up on nesting some thousand levels deep with a ``RecursionError``,
which is no ``ValueError``: it escaped ``audit verify`` and ``cases show`` as a traceback.
Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
import tampering
from tampering import Tables, audit, run

from complaintkit.audit.sql_text import STORED_DEPTH

store = tampering.store
url = tampering.url

DEEP = "[" * 5000 + "]" * 5000


def _deep_event(t: Tables, case_id: str) -> None:
    t.execute(
        "UPDATE events SET body = BODY WHERE case_id = ? AND seq = 2", f'{{"data":{DEEP}}}', case_id
    )


def _deep_case(t: Tables, case_id: str) -> None:
    t.execute(
        "UPDATE cases SET body = BODY WHERE id = ?", f'{{"id":"{case_id}","x":{DEEP}}}', case_id
    )


@pytest.mark.parametrize("damage", [_deep_event, _deep_case])
def test_a_deeply_nested_row_is_malformed_and_named(
    store: tuple[str, list[str], Tables], damage: object
) -> None:
    url, ids, tables = store
    damage(tables, ids[1])  # type: ignore[operator]
    code, broken = audit(url)
    assert code == 1
    assert ("malformed", ids[1]) in {(b["code"], b["case_id"]) for b in broken}
    assert {b["case_id"] for b in broken} == {ids[1]}
    shown = run("--db", url, "cases", "show", ids[1])
    assert shown.exit_code == 1
    assert ids[1] in shown.output
    assert "audit verify" in shown.output


def test_a_deeply_nested_ledger_entry_is_malformed(store: tuple[str, list[str], Tables]) -> None:
    url, _, tables = store
    tables.execute("UPDATE ledger SET body = ? WHERE id = 1", f'{{"heads":{DEEP}}}')
    code, broken = audit(url)
    assert code == 1
    assert ("malformed", 1) in {(b["code"], b["ledger_id"]) for b in broken}


#: A value ``json`` reads, nested too deeply to copy or compare: refused as it is read, as
#: deeper than any stored value can be, before anything recurses into it.
MIDDLING = json.loads("[" * 600 + "]" * 600)


def test_a_row_deep_enough_to_read_but_not_to_check_is_malformed(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    tables.write_case(ids[1], {**tables.case(ids[1]), "attributes": {"x": MIDDLING}})
    code, broken = audit(url)
    assert code == 1
    assert [(b["code"], b["case_id"]) for b in broken] == [("malformed", ids[1])]
    assert f"nested over {STORED_DEPTH} levels deep" in broken[0]["problem"]
