"""``cases move CASE_ID resolved`` is refused as the Desk refuses it (a resolution says how
it was), but as a usage error of the command's STATUS that names the command that does
it — not ``to: …``, a field the command line has no option for — and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def test_moving_a_case_to_resolved_names_the_resolve_command(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=db)
    case = desk.intake(make_complaint("a"))
    desk.respond(case.id, "我们已收到您的投诉", actor="li.na")
    before = desk.history(case.id)
    result = CliRunner().invoke(
        CLI, ["--db", db, "cases", "move", case.id, "resolved", "--actor", "li.na"]
    )
    assert result.exit_code == 2, result.output
    assert "STATUS" in result.output
    assert "cases resolve" in result.output
    assert "to:" not in result.output
    assert desk.history(case.id) == before
