"""Whatever one event row of a case is edited to by hand — any column, any value of any
type, a body field set to any JSON — ``cases show`` and ``cases export`` of that case
notice it and name it (exit 1, no traceback), and another case of the store is shown as
sound: one damaged history is named, never passed off as genuine, and loses no other."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

#: Any value SQLite may hold in a column.
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.binary(max_size=40),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)
FIELDS = ("case_id", "seq", "kind", "at", "actor", "reason", "data", "prev_hash", "hash")
EDITS = st.one_of(
    st.tuples(st.just("column"), st.sampled_from(("seq", "kind", "at", "body")), VALUES),
    st.tuples(st.just("field"), st.sampled_from(FIELDS), JSON),
    st.tuples(st.just("blob"), st.none(), st.none()),
)


def _store(db: Path) -> list[str]:
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(storage=storage)
        ids = []
        for n in (1, 2):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"W{n}",
                    "received_at": datetime(2026, 11, 23, 9, n, tzinfo=UTC).isoformat(),
                    "customer": {"id": f"C{n}"},
                    "text": "The milk was spoiled",
                }
            )
            desk.note(case.id, "called back", actor="li.na")
            ids.append(case.id)
        return ids


def _edit(db: Path, case_id: str, seq: int, edit: tuple[str, Any, Any]) -> bool:
    """Apply ``edit`` to event ``seq`` of ``case_id``; whether the row changed."""
    how, name, value = edit
    where = "WHERE case_id = ? AND seq = ?"
    with closing(sqlite3.connect(db)) as connection, connection:
        before = connection.execute(f"SELECT * FROM events {where}", (case_id, seq)).fetchone()
        try:
            if how == "column":
                connection.execute(f"UPDATE events SET {name} = ? {where}", (value, case_id, seq))
            elif how == "field":
                connection.execute(
                    f"UPDATE events SET body = json_set(body, '$.{name}', json(?)) {where}",
                    (json.dumps(value), case_id, seq),
                )
            else:
                connection.execute(
                    f"UPDATE events SET body = CAST(body AS BLOB) {where}", (case_id, seq)
                )
        except sqlite3.IntegrityError:  # NOT NULL, or a seq the case holds already
            return False
        after = connection.execute(
            "SELECT * FROM events WHERE case_id = ? AND seq = ?",
            (case_id, value if how == "column" and name == "seq" else seq),
        ).fetchone()
    return bool(after != before or (how == "blob"))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seq=st.integers(min_value=1, max_value=4), edit=EDITS)
def test_any_edit_of_an_event_row_is_named_and_no_other_case_lost(
    tmp_path_factory: Any, seq: int, edit: tuple[str, Any, Any]
) -> None:
    pristine = tmp_path_factory.getbasetemp() / "pristine.db"
    if not pristine.exists():
        _store(pristine)
    folder = tmp_path_factory.mktemp("edited")
    db = folder / "cases.db"
    shutil.copy(pristine, db)
    with closing(sqlite3.connect(db)) as connection:
        edited, other = (row[0] for row in connection.execute("SELECT id FROM cases ORDER BY id"))
    assume(_edit(db, edited, seq, edit))
    url = f"sqlite:///{db}"
    for command in ("show", "export"):
        result = CliRunner().invoke(CLI, ["--db", url, "cases", command, edited])
        assert result.exit_code == 1, (edit, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        ), (edit, result.exception)
        assert "Traceback" not in result.output
        assert f"case {edited}" in result.stderr, (edit, result.stderr)
    sound = CliRunner().invoke(CLI, ["--db", url, "cases", "show", other])
    assert sound.exit_code == 0, (edit, sound.output)
