"""One stored event of a case edited at random behind complaintkit's back — deleted, two
seqs swapped, a seq repeated in its body, a field's JSON type changed, the JSON cut short,
a NUL written in, a number of hundreds of digits — and every reader of the history:
``replay`` names that case alone and compares the others unchanged, ``cases show`` shows
what it can and names the case (exit 1), ``audit verify`` names it; none ends in a
traceback. An edit that changes nothing sealed (the body's JSON re-spaced) changes no
answer."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
Edit = Callable[[sqlite3.Connection, str, int, st.DataObject], None]


def _body(conn: sqlite3.Connection, case_id: str, seq: int) -> str:
    (body,) = conn.execute(
        "SELECT body FROM events WHERE case_id = ? AND seq = ?", (case_id, seq)
    ).fetchone()
    return str(body)


def _write(conn: sqlite3.Connection, case_id: str, seq: int, body: str) -> None:
    conn.execute("UPDATE events SET body = ? WHERE case_id = ? AND seq = ?", (body, case_id, seq))


def _deleted(conn: sqlite3.Connection, case_id: str, seq: int, _: st.DataObject) -> None:
    conn.execute("DELETE FROM events WHERE case_id = ? AND seq = ?", (case_id, seq))


def _swapped(conn: sqlite3.Connection, case_id: str, seq: int, data: st.DataObject) -> None:
    (count,) = conn.execute("SELECT count(*) FROM events WHERE case_id = ?", (case_id,)).fetchone()
    other = data.draw(st.integers(1, count).filter(lambda n: n != seq), label="other seq")
    for old, new in ((seq, -1), (other, seq), (-1, other)):
        conn.execute("UPDATE events SET seq = ? WHERE case_id = ? AND seq = ?", (new, case_id, old))


def _field(value: object) -> Edit:
    def edit(conn: sqlite3.Connection, case_id: str, seq: int, data: st.DataObject) -> None:
        event = json.loads(_body(conn, case_id, seq))
        name = data.draw(st.sampled_from(sorted(event)), label="field")
        if event[name] == value:  # no change: the seq itself, repeated elsewhere
            name = "reason"
        _write(conn, case_id, seq, json.dumps({**event, name: value}))

    return edit


def _cut(conn: sqlite3.Connection, case_id: str, seq: int, data: st.DataObject) -> None:
    body = _body(conn, case_id, seq)
    _write(conn, case_id, seq, body[: data.draw(st.integers(0, len(body) - 1), label="cut")])


def _nul(conn: sqlite3.Connection, case_id: str, seq: int, data: st.DataObject) -> None:
    body = _body(conn, case_id, seq)
    at = data.draw(st.integers(0, len(body)), label="at")
    _write(conn, case_id, seq, body[:at] + "\x00" + body[at:])


#: Edits of one stored event that change what was sealed.
HARMFUL: dict[str, Edit] = {
    "deleted": _deleted,
    "swapped": _swapped,
    "seq repeated": _field(1),
    "made a list": _field([]),
    "made null": _field(None),
    "made a number": _field(1.5),
    "huge number": _field(10**400),
    "cut short": _cut,
    "NUL written in": _nul,
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    db = tmp_path_factory.mktemp("edits") / "store.db"
    return db, answered_cases(db, ["牛奶过期了", "鸡蛋是碎的", "面包发霉了"], "改", customer="同客")


def _run(db: Path, victim: str) -> tuple[list[str], tuple[int, int], list[tuple[int, str]]]:
    """The cases the replay names, what it compared, and the exit and output of ``cases
    show`` of ``victim`` and of ``audit verify``."""
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    said = []
    for command in (["cases", "show", victim], ["audit", "verify"]):
        run = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *command])
        assert not isinstance(run.exception, Exception) or isinstance(run.exception, SystemExit)
        said.append((run.exit_code, " ".join(run.output.split())))
    compared = (result.comparison.cases, result.comparison.changed)
    return [case_id for case_id, _ in result.damaged], compared, said


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_an_edited_event_is_named_by_every_reader(
    store: tuple[Path, list[str]], data: st.DataObject
) -> None:
    stored, ids = store
    victim = data.draw(st.sampled_from(ids), label="case")
    how = data.draw(st.sampled_from(sorted(HARMFUL)), label="edit")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.db"
        shutil.copyfile(stored, db)
        with closing(sqlite3.connect(db, isolation_level=None)) as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM events WHERE case_id = ?", (victim,)
            ).fetchone()
            seq = data.draw(st.integers(1, count), label="seq")
            HARMFUL[how](conn, victim, seq, data)
        named, compared, said = _run(db, victim)
    assert named == [victim]
    assert compared == (len(ids) - 1, 0)
    for code, output in said:
        assert code == 1, output
        assert victim in output


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_an_event_re_spaced_changes_no_answer(
    store: tuple[Path, list[str]], data: st.DataObject
) -> None:
    stored, ids = store
    victim = data.draw(st.sampled_from(ids), label="case")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.db"
        shutil.copyfile(stored, db)
        before = _run(db, victim)
        with closing(sqlite3.connect(db, isolation_level=None)) as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM events WHERE case_id = ?", (victim,)
            ).fetchone()
            seq = data.draw(st.integers(1, count), label="seq")
            event = json.loads(_body(conn, victim, seq))
            _write(conn, victim, seq, json.dumps(event, indent=2, ensure_ascii=False))
        assert _run(db, victim) == before
    assert before[:2] == ([], (len(ids), 0))
