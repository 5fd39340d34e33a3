"""``report --category prodcut`` run without ``--policy`` printed a report of nothing with
no word: the warning of a category or severity no one has came only from the policy's
catalog. Without a policy the ids stored cases hold are the vocabulary, as the channels
complaints came by are for ``--channel``: one none of them has is warned of, naming them
and the nearest; the report is still printed and the exit code is 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

SUPERMARKET = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    """A store whose one case the supermarket policy classified (product, by its text)."""
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}"]
    line = {
        "channel": "web",
        "external_id": "D-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "牛奶过期了",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    taken = _run([*args, "--policy", str(SUPERMARKET), "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    return args


def test_without_a_policy_an_id_no_stored_case_has_is_warned_of(db: list[str]) -> None:
    stored = json.loads(_run([*db, "cases", "list", "--json"]).stdout)[0]["category"]
    typo = stored[0] + stored[2] + stored[1] + stored[3:]
    result = _run([*db, "report", "--category", typo, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0
    assert f"warning: --category {typo!r}" in result.stderr
    assert f"did you mean {stored}?" in result.stderr


def test_without_a_policy_a_stored_id_is_counted_unwarned(db: list[str]) -> None:
    stored = json.loads(_run([*db, "cases", "list", "--json"]).stdout)[0]["category"]
    result = _run([*db, "report", "--category", stored, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 1
    assert "warning" not in result.stderr
