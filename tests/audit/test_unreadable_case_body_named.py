"""A SQLite case row whose body is no JSON at all (cut short, a NUL written into it, bytes
that are not UTF-8) is named by its id column wherever it is met: ``cases list``,
``replay`` and a status-token lookup said only "a stored case is damaged", so the user
could not tell which of their cases to look at (``cases show ID`` named it). PostgreSQL's
jsonb cannot hold such a body."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from tampering import fill, run

from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord

POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")

BROKEN = {
    "cut short": "substr(body, 1, 40)",
    "a NUL": "body || char(0)",
    "not UTF-8": "CAST(X'7BC328' AS TEXT)",
}


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_an_unparsable_case_body_is_named_by_its_id(tmp_path: Path, broken: str) -> None:
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    ids = fill(url)
    victim = ids[1]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(f"UPDATE cases SET body = {BROKEN[broken]} WHERE id = ?", (victim,))
        (token,) = connection.execute(
            "SELECT token FROM status_tokens WHERE case_id = ?", (victim,)
        ).fetchone()
    for args in (("cases", "list"), ("replay", POLICY)):
        result = run("--db", url, "--policy", POLICY, *args)
        assert result.exit_code == 1, (args, result.output)
        assert f"case {victim} is damaged" in result.output, (args, result.output)
    desk = Desk(storage=url)
    try:
        with pytest.raises(DamagedRecord, match=victim):
            desk.storage.find_by_token(token)
        assert desk.get(ids[0]).id == ids[0]
    finally:
        desk.storage.close()
