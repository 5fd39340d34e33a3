"""A case with no team (or owner) is ``(none)`` in a replay, not Python's ``None``.

A candidate that routes to a team what the policy in force left without one printed
``team None → desk`` and counted the unset side as a team spelled ``None`` (``"value":
"None"`` in ``--json``), the same row as a team whose id is ``None``. The unset value is
now ``(none)`` in the text, as reports write it, and ``null`` in ``--json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path

_DEFAULT = "  default: {team: desk, owner: zhang.wei}"


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """No default team in force, the demo's as candidate, and one complaint no rule routes."""
    text = demo_policy_path().read_text(encoding="utf-8")
    assert _DEFAULT in text
    unrouted = tmp_path / "unrouted.yaml"
    unrouted.write_text(text.replace(_DEFAULT, "  default: {owner: zhang.wei}"), encoding="utf-8")
    complaints = tmp_path / "complaints.jsonl"
    line = {
        "channel": "web",
        "external_id": "1",
        "received_at": "2026-11-21T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "Where can I park my bicycle?",
    }
    complaints.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return unrouted, demo_policy_path(), complaints


def test_an_unset_team_is_none_in_the_text_and_null_in_json(tmp_path: Path) -> None:
    baseline, candidate, complaints = _files(tmp_path)
    args = ["replay", "--baseline", str(baseline), str(candidate), str(complaints)]
    text = CliRunner().invoke(build_cli(), args)
    assert text.exit_code == 0, text.output
    assert "team (none) → desk" in text.output
    assert "None" not in text.output
    data = json.loads(CliRunner().invoke(build_cli(), [*args, "--json"]).output)
    teams = {row["value"]: row for row in data["counts"] if row["dimension"] == "team"}
    assert teams[None]["current"] == 1
    assert teams[None]["candidate"] == 0
    assert teams["desk"]["candidate"] == 1
