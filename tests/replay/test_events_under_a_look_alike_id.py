"""A case's row (its body's id too) and events copied under an id that looks like its
own (one letter swapped for its Cyrillic twin, or the id in lower case): every history
command named the copy "case \u0421K-…: the stored event was sealed for case CK-…:
copied or moved here", two ids a reader cannot tell apart, as if the genuine case accused
itself. The finding now says the two ids differ and where: the character the copy's id
holds in place of the sealed one's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

COMMANDS = {
    "cases show": (["cases", "show"], True),
    "cases export": (["cases", "export"], True),
    "cases list": (["cases", "list"], False),
    "replay": (["replay", str(POLICY)], False),
    "audit verify": (["audit", "verify"], False),
}


def _cyrillic(case_id: str) -> str:
    return "\u0421" + case_id[1:]


LOOK_ALIKES: dict[str, tuple[Callable[[str], str], str]] = {
    "cyrillic": (
        _cyrillic,
        "its character 1 is U+0421 CYRILLIC CAPITAL LETTER ES, not 'C'",
    ),
    "lower case": (str.lower, "the ids differ in letter case alone"),
}


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_copy_under_a_look_alike_id_says_how_the_ids_differ(
    tmp_path: Path, command: str, look_alike: str
) -> None:
    db = tmp_path / "s.db"
    (case_id,) = answered_cases(db, ["鸡蛋是碎的"], "K")
    make, said_of_it = LOOK_ALIKES[look_alike]
    copy = make(case_id)
    with closing(sqlite3.connect(db)) as connection, connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(cases)")]
        picked = ", ".join(
            {"id": ":copy", "body": "json_set(body, '$.id', :copy)"}.get(name, name)
            for name in columns
        )
        connection.execute(
            f"INSERT INTO cases ({', '.join(columns)}) SELECT {picked} FROM cases WHERE id = :id",
            {"copy": copy, "id": case_id},
        )
        connection.execute(
            "INSERT INTO events (case_id, seq, kind, at, body) "
            "SELECT ?, seq, kind, at, body FROM events WHERE case_id = ?",
            (copy, case_id),
        )
    args, takes_id = COMMANDS[command]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *args, *[copy][:takes_id]])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert f"sealed for case {case_id}: copied or moved here" in said
    assert said_of_it in said
    assert "Traceback" not in said
