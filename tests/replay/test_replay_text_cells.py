"""``complaintkit replay`` prints stored text (an imported owner, a rejected line's reason)
as ``report`` does: control characters escaped, never acted on by the terminal; columns
measured in terminal cells."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
OWNER = "\x1b]0;pwned\x07li.na\x1b[2J"


def _run(*args: str) -> str:
    result = CliRunner().invoke(build_cli(), list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_an_imported_owner_cannot_act_on_the_terminal(tmp_path: Path) -> None:
    line = {
        "channel": "old",
        "external_id": "T-1",
        "received_at": "2026-10-02T09:00:00+08:00",
        "customer": {"id": "C9"},
        "text": "The bread was mouldy",
        "history": {"status": "investigating", "owner": OWNER},
    }
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    _run("--db", db, "--policy", str(POLICY), "intake", str(source), "--channel", "jsonl")
    text = _run("--db", db, "replay", str(POLICY))
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\\x1b]0;pwned\\x07li.na\\x1b[2J" in text
    # the file's own replay, the same complaint under both policies
    text = _run("replay", "--baseline", str(POLICY), str(POLICY), str(source))
    assert "\x1b" not in text
    assert "\x07" not in text


def test_chinese_cells_keep_the_columns_aligned(tmp_path: Path) -> None:
    line = {
        "channel": "old",
        "external_id": "T-2",
        "received_at": "2026-10-02T09:00:00+08:00",
        "customer": {"id": "C9"},
        "text": "面包发霉了",
        "history": {"status": "investigating", "owner": "李娜"},
    }
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    text = _run("replay", "--baseline", str(POLICY), str(POLICY), str(source))
    rows = [r for r in text.splitlines() if r.startswith(("  owner ", "  Dimension"))]
    header, owner = rows[0], next(r for r in rows if "李娜" in r)
    # "李娜" takes four terminal cells: the counts start under the header's "Current"
    assert header.index("Current") == owner.index("1") + len("李娜")
