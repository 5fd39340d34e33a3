"""A SQLite body whose text SQL reads otherwise than Python is a finding.

SQLite's ``json_extract`` takes the first of two equal keys, where Python takes the last,
and matches a path against a key as spelled, so ``"comp\\u0065nsation"`` is no
``$.compensation`` to it. ``compensation_total`` reads case bodies that way: such a body
could show the audit one history and the caps another.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import Tables, audit, fill

from complaintkit.desk import Desk

#: Keys a person may give facts: escaped by every encoder (``ensure_ascii`` writes the
#: smile as a surrogate pair), read alike by SQL and Python.
ODD_KEYS = {'say "hi"': 1, "back\\slash": 2, "tab\there": 3, "金额": 4, "smile 😀": "😀"}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("alike") / "cases.db"
    ids = fill(f"sqlite:///{path}")
    desk = Desk(storage=f"sqlite:///{path}")
    try:
        desk.set_facts(ids[1], ODD_KEYS, actor="li.na")
    finally:
        desk.storage.close()
    return path, ids


def _copy(filled: tuple[Path, list[str]], tmp_path: Path) -> tuple[str, Tables]:
    copy = tmp_path / "cases.db"
    copy.write_bytes(filled[0].read_bytes())
    return f"sqlite:///{copy}", Tables(f"sqlite:///{copy}")


BODIES = {"cases": "SELECT id, body FROM cases", "events": "SELECT case_id, body FROM events"}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_key_written_twice_in_a_body_is_malformed(
    filled: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    url, tables = _copy(filled, tmp_path_factory.mktemp("twice"))
    table = data.draw(st.sampled_from(sorted(BODIES)))
    case_id, text = data.draw(st.sampled_from(tables.execute(BODIES[table])))
    key = data.draw(st.sampled_from(sorted(json.loads(text))))
    forged = f'{{"{key}":[],{text[1:]}'  # SQLite reads the first, Python the last
    tables.execute(f"UPDATE {table} SET body = ? WHERE body = ?", forged, text)
    tables.close()
    code, broken = audit(url)
    assert code == 1
    assert [b for b in broken if b["code"] == "malformed" and b["case_id"] == case_id]
    assert any(repr(key) in b["problem"] for b in broken)


def test_a_case_body_hiding_its_compensation_from_sql_is_found(
    filled: tuple[Path, list[str]], tmp_path: Path
) -> None:
    url, tables = _copy(filled, tmp_path)
    case_id = filled[1][0]
    [(text,)] = tables.execute("SELECT body FROM cases WHERE id = ?", case_id)
    forged = text.replace('"compensation":', '"comp\\u0065nsation":')
    assert json.loads(forged) == json.loads(text)  # Python sees no change
    tables.execute("UPDATE cases SET body = ? WHERE id = ?", forged, case_id)
    query = "SELECT json_type(body, '$.compensation') FROM cases WHERE id = ?"
    assert tables.execute(query, case_id) == [(None,)]  # SQL sees none
    tables.close()
    code, broken = audit(url)
    assert code == 1
    assert [(b["code"], b["case_id"]) for b in broken] == [("malformed", case_id)]
    assert "'compensation'" in broken[0]["problem"]


@pytest.mark.parametrize("ascii_only", [False, True])
def test_keys_escaped_as_encoders_write_them_verify(
    filled: tuple[Path, list[str]], tmp_path: Path, ascii_only: bool
) -> None:
    """Escapes an encoder writes (also ``ensure_ascii``'s, as a store written so has) are
    read alike by SQL and Python: no finding."""
    url, tables = _copy(filled, tmp_path)
    for table, sql in BODIES.items():
        key = "id" if table == "cases" else "case_id"
        for case_id, text in tables.execute(sql):
            again = json.dumps(json.loads(text), ensure_ascii=ascii_only)
            tables.execute(
                f"UPDATE {table} SET body = ? WHERE {key} = ? AND body = ?", again, case_id, text
            )
    assert '\\"hi\\"' in tables.execute("SELECT body FROM cases WHERE id = ?", filled[1][1])[0][0]
    tables.close()
    assert audit(url) == (0, [])


def test_a_body_stored_as_a_blob_is_malformed(
    filled: tuple[Path, list[str]], tmp_path: Path
) -> None:
    url, tables = _copy(filled, tmp_path)
    case_id = filled[1][2]
    tables.execute("UPDATE events SET body = CAST(body AS BLOB) WHERE case_id = ?", case_id)
    tables.close()
    code, broken = audit(url)
    assert code == 1
    assert {(b["code"], b["case_id"]) for b in broken} == {("malformed", case_id)}
    assert all("blob" in b["problem"] for b in broken)
