"""``replay`` over a store whose every case row is gone, its events left (the rows deleted by
hand, or lost): with no row to say where the history ends, the replay returned before
reading the events, printed "0 case(s); 0 would change" and exited 0, and ``--case`` with
one of those ids said "the store holds no case", while ``audit verify`` named each case and
exited 1. Each case is named as damaged now, with exit 1, as when other cases are left."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli

MISSING = "its events are stored but the case row is missing"


@pytest.fixture
def rowless(tmp_path: Path) -> tuple[Path, list[str]]:
    """A store of two answered cases whose case rows were deleted."""
    db = tmp_path / "s.db"
    ids = answered_cases(db, ("配送延误了三个小时", "收银员态度很差"), "孤")
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("DELETE FROM cases")
    return db, ids


def _replay(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        build_cli(), ["--db", f"sqlite:///{db}", "replay", str(POLICY), *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, " ".join(result.output.split())


def test_a_store_of_events_without_rows_names_each_case(
    rowless: tuple[Path, list[str]],
) -> None:
    db, ids = rowless
    code, said = _replay(db)
    assert code == 1
    for case_id in ids:
        assert f"damaged case {case_id}" in said
    assert said.count(MISSING) == len(ids)


def test_a_case_asked_for_among_events_without_rows_is_named_as_damaged(
    rowless: tuple[Path, list[str]],
) -> None:
    db, ids = rowless
    code, said = _replay(db, "--case", ids[1])
    assert code == 1
    assert f"damaged case {ids[1]}" in said
    assert MISSING in said
    assert ids[0] not in said


def test_a_case_asked_for_that_no_row_or_event_names_is_not_found(
    rowless: tuple[Path, list[str]],
) -> None:
    db, ids = rowless
    code, said = _replay(db, "--case", "CK-无此案")
    assert code == 1
    assert "holds no case" in said
    assert not any(case_id in said for case_id in ids)
