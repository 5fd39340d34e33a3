"""Helpers for the replay tests: a tightened policy, a dump to compare (the demo's database
is ``demo_store``'s)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from complaintkit.demo.script import demo_policy_path


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
