"""``replay`` over a store whose history someone edited behind complaintkit's back: an
event rewritten (still readable) or taken out. Replaying it as if it were what happened
would back a policy decision with a forged history, and the policy in force would show
"0 would change": the case is named as damaged, as ``audit verify`` names it, and the
others are compared."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage
from demo_store import copied, play_demo

POINTER = "`complaintkit audit verify` lists every damaged record"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _execute(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        return connection.execute(sql, params).fetchall()


def _first_response(db: Path) -> tuple[str, int, dict[str, Any]]:
    ((case_id, seq, body),) = _execute(
        db, "SELECT case_id, seq, body FROM events WHERE kind = 'responded' ORDER BY at LIMIT 1"
    )
    return str(case_id), int(seq), json.loads(body)


def _answered_earlier(db: Path) -> tuple[str, int]:
    """The first response moved to a minute after opening, body and column alike."""
    case_id, seq, body = _first_response(db)
    ((opened,),) = _execute(
        db, "SELECT body ->> '$.at' FROM events WHERE case_id = ? AND seq = 1", case_id
    )
    body["at"] = opened.replace(":00+", ":01+", 1) if ":00+" in opened else opened
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sql = "UPDATE events SET body = ?, at = ? WHERE case_id = ? AND seq = ?"
    _execute(db, sql, text, body["at"], case_id, seq)
    return case_id, seq


def _message_rewritten(db: Path) -> tuple[str, int]:
    case_id, seq, body = _first_response(db)
    body["data"]["message"] = "we never said that"
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    _execute(db, "UPDATE events SET body = ? WHERE case_id = ? AND seq = ?", text, case_id, seq)
    return case_id, seq


def _taken_out(db: Path) -> tuple[str, int]:
    """The first response deleted; the events after it keep their numbers."""
    case_id, seq, _ = _first_response(db)
    _execute(db, "DELETE FROM events WHERE case_id = ? AND seq = ?", case_id, seq)
    return case_id, seq


EDITS: dict[str, Callable[[Path], tuple[str, int]]] = {
    "answered earlier": _answered_earlier,
    "message rewritten": _message_rewritten,
    "event taken out": _taken_out,
}


def _cli(db: Path, *args: str) -> Result:
    return CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(demo_policy_path()), *args],
        catch_exceptions=False,
    )


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edited_history_is_named_not_replayed(demo_db: Path, tmp_path: Path, edit: str) -> None:
    db = copied(demo_db, tmp_path)
    victim, seq = EDITS[edit](db)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    ((_, why),) = result.damaged
    assert f"stored event {seq}" in why
    assert POINTER in why
    (total,) = _execute(db, "SELECT count(*) FROM cases")[0]
    assert result.comparison.cases == total - 1  # the others are compared


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_replay_of_an_edited_history_exits_1_naming_it(
    demo_db: Path, tmp_path: Path, edit: str, one_case: bool
) -> None:
    db = copied(demo_db, tmp_path)
    victim, _ = EDITS[edit](db)
    result = _cli(db, *(["--case", victim] if one_case else []))
    assert result.exit_code == 1, result.output
    assert f"case {victim}" in result.output
    assert POINTER in result.output


def test_an_untouched_store_replays_clean(demo_db: Path, tmp_path: Path) -> None:
    result = _cli(copied(demo_db, tmp_path))
    assert result.exit_code == 0, result.output
    assert "damaged" not in result.output
