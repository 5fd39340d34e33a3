"""Helpers for the replay tests: the demo's database, a tightened policy, a dump to compare."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path


def play_demo(out: Path) -> Path:
    """``complaintkit demo``'s scripted day, stored in ``out``; the database's path."""
    result = CliRunner().invoke(build_cli(), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "demo.db"


def tightened(tmp_path: Path, first_response: str) -> Path:
    """The demo's policy with the default first-response target (24h) replaced."""
    text = demo_policy_path().read_text(encoding="utf-8")
    assert "    - first_response: 24h" in text
    path = tmp_path / f"first-response-{first_response}.yaml"
    path.write_text(
        text.replace("    - first_response: 24h", f"    - first_response: {first_response}"),
        encoding="utf-8",
    )
    return path


def dump(db: Path) -> list[str]:
    """Every table's rows as SQL text: what "nothing changed" is compared on."""
    with closing(sqlite3.connect(db)) as connection:
        return list(connection.iterdump())
