"""A case row copied under another id with its body unchanged (a hand-made duplicate, an
id edited in place) was listed by ``cases list`` under the body's id — the same case
twice — and read by the Desk as that case, so a tick would work on it twice. The body a
row holds must bear the row's id: such a row is a damaged record naming the case whose
body it holds (and how the ids differ when they look alike), listed among the damaged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def another(case_id: str) -> str:
    return case_id[:-1] + ("B" if case_id[-1] != "B" else "C")


def copied(tmp_path: Path, rename: Callable[[str], str] = another) -> tuple[Path, str, str]:
    """A store of one case whose row is copied under the id ``rename`` makes of its own."""
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}")
    case_id = desk.intake(make_complaint("COPY-1")).id
    desk.storage.close()
    copy_id = rename(case_id)
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(cases)")]
        picked = ", ".join("?" if column == "id" else column for column in columns)
        sql = f"INSERT INTO cases ({', '.join(columns)}) SELECT {picked} FROM cases WHERE id = ?"
        db.execute(sql, (copy_id, case_id))
    return path, case_id, copy_id


def test_the_copy_is_named_not_listed_twice(tmp_path: Path) -> None:
    path, case_id, copy_id = copied(tmp_path)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{path}", "cases", "list"])
    assert result.exit_code == 1, result.output
    assert result.stdout.count(case_id) == 1
    assert copy_id not in result.stdout
    assert f"case {copy_id} is damaged: its row holds the body of case {case_id}" in result.stderr


def test_the_desk_reads_the_copy_as_damaged(tmp_path: Path) -> None:
    path, case_id, copy_id = copied(tmp_path)
    desk = Desk(storage=f"sqlite:///{path}")
    try:
        assert desk.get(case_id).id == case_id
        with pytest.raises(DamagedRecord) as raised:
            desk.get(copy_id)
    finally:
        desk.storage.close()
    assert raised.value.case_id == copy_id
    assert f"holds the body of case {case_id}" in str(raised.value)


@pytest.mark.parametrize(
    ("rename", "said"),
    [
        (str.lower, "the ids differ in letter case alone"),
        (lambda case_id: "С" + case_id[1:], "its character 1 is U+0421 CYRILLIC CAPITAL LETTER ES"),  # noqa: RUF001 -- the look-alike is the point
    ],
)
def test_a_copy_under_a_look_alike_id_says_how_the_ids_differ(
    tmp_path: Path, rename: Callable[[str], str], said: str
) -> None:
    path, _, copy_id = copied(tmp_path, rename)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{path}", "cases", "list"])
    assert result.exit_code == 1
    assert f"case {copy_id} is damaged" in result.stderr
    assert said in result.stderr
