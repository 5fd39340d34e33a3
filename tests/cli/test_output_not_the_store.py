"""``report --html cases.db`` with ``--db sqlite:///cases.db`` replaced the store with the
HTML page and exited 0: every case, event and dead letter gone. A file an option writes
that is the SQLite store being read (or its journal), by any spelling of its path, is now
a usage error naming the option, and the store is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["report", "--html"], "cases.db"),
        (["report", "--json", "--html"], "./cases.db"),
        (["report", "--html"], "link.db"),
        (["report", "--html"], "sub/../cases.db"),
        (["report", "--html"], "cases.db-wal"),
        (["replay", str(POLICY), "--html"], "cases.db"),
    ],
    ids=["report", "report-dot", "report-symlink", "report-dotdot", "report-wal", "replay"],
)
def test_the_store_is_not_written_over(tmp_path: Path, command: list[str], target: str) -> None:
    (tmp_path / "sub").mkdir()
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(POLICY)]
    line = {
        "channel": "web",
        "external_id": "D-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "牛奶过期了",
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert _run([*base, "intake", str(tmp_path / "in.jsonl")]).exit_code == 0
    (tmp_path / "link.db").symlink_to(tmp_path / "cases.db")
    before = (tmp_path / "cases.db").read_bytes()
    result = _run([*base, *command, f"{tmp_path}/{target}"])
    assert result.exit_code == 2, result.output
    assert "--html" in result.output
    assert "cases.db" in result.output
    assert (tmp_path / "cases.db").read_bytes() == before
    after = _run([*base, "report", "--json"])
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout)["total"] == 1
