"""A reason or name in Arabic or Hebrew reads right to left in the replay page's case detail.

``replay --case ID --html`` shows the case's events one per line, in a left-to-right
block: a withdrawal's reason typed in Hebrew, "הלקוח ביטל (2 פריטים)", took the line's
direction, its closing bracket drawn at the far end and its opening one beside the number.
Each stored text of a line (kind, actor, reason, a change) is now isolated in its own
direction (``<bdi>``); the text output is as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
REASON = "הלקוח ביטל (2 פריטים)"


def _replay(tmp_path: Path, *output: str) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    desk = Desk(load_policy(demo_policy_path(), plugins), storage=db, clock=ManualClock(T0))
    try:
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "1",
                "received_at": T0.isoformat(),
                "customer": {"id": "c1"},
                "text": "The milk was sour",
            }
        )
        desk.transition(case.id, "withdrawn", actor="li.na", reason=REASON)
    finally:
        desk.storage.close()
    args = ["--db", db, "replay", str(demo_policy_path()), "--case", case.id, *output]
    result = CliRunner().invoke(build_cli(plugins), args)
    assert result.exit_code == 0, result.output
    return result.output


def test_each_stored_text_of_a_line_takes_its_own_direction(tmp_path: Path) -> None:
    page = tmp_path / "replay.html"
    _replay(tmp_path, "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.count(f"<bdi>{REASON}</bdi>") == 2  # as it happened, and as replayed
    assert "<bdi>li.na</bdi>" in html


def test_the_text_output_is_as_it_was(tmp_path: Path) -> None:
    text = _replay(tmp_path)
    assert "<bdi>" not in text
    assert f"li.na      {REASON}" in text
