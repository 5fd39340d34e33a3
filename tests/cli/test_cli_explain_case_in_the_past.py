"""``cases explain CASE_ID --at INSTANT`` explains the case as it stood at that instant
(docs/sla.md: "a stored case at any point of its life"), not the case as it is now with
its clocks read at the earlier instant: a case resolved since showed ``[resolved]`` and a
resolution clock met after the instant asked about. An instant before the case was
opened is a usage error naming ``--at`` and the case."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

import complaintkit.demo
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(complaintkit.demo.__file__).parent / "policy.yaml")
OPENED = datetime(2026, 11, 23, 9, tzinfo=UTC)  # a Monday


def resolved_case(tmp_path: Path) -> tuple[str, str]:
    """A case answered an hour after it opened and resolved two hours later."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    clock = ManualClock(OPENED)
    desk = Desk(POLICY, storage=db, clock=clock)
    case = desk.intake(make_complaint("a", text="其他问题", received_at=OPENED))
    clock.advance(timedelta(hours=1))
    desk.respond(case.id, "我们已收到您的投诉", actor="li.na")
    clock.advance(timedelta(hours=2))
    desk.resolve(case.id, "已退款", actor="li.na")
    desk.storage.close()
    return db, case.id


def explain(db: str, case_id: str, at: datetime, *extra: str) -> tuple[int, str]:
    args = ["--db", db, "--policy", POLICY, "cases", "explain", case_id, "--at", at.isoformat()]
    result = CliRunner().invoke(CLI, [*args, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_the_case_is_explained_as_it_stood_at_the_instant(tmp_path: Path) -> None:
    db, case_id = resolved_case(tmp_path)
    between = OPENED + timedelta(hours=2)  # answered, not yet resolved
    code, output = explain(db, case_id, between)
    assert code == 0, output
    assert output.splitlines()[0].startswith(f"{case_id}  [acknowledged]")
    code, output = explain(db, case_id, between, "--json")
    assert code == 0, output
    metrics = {m["metric"]: m for m in json.loads(output)["metrics"]}
    assert metrics["resolution"]["state"] == "running"
    assert metrics["resolution"]["met_at"] is None
    assert metrics["first_response"]["met_at"] is not None


def test_the_case_as_it_is_now_is_explained_at_or_after_its_last_change(tmp_path: Path) -> None:
    db, case_id = resolved_case(tmp_path)
    code, output = explain(db, case_id, OPENED + timedelta(hours=5))
    assert code == 0, output
    assert output.splitlines()[0].startswith(f"{case_id}  [resolved]")


def test_an_instant_before_the_case_opened_is_a_usage_error(tmp_path: Path) -> None:
    db, case_id = resolved_case(tmp_path)
    code, output = explain(db, case_id, OPENED - timedelta(minutes=1))
    assert code == 2, output
    assert "--at" in output
    assert case_id in output


def test_without_at_a_case_a_simulation_moved_past_now_is_explained_as_stored(
    tmp_path: Path,
) -> None:
    """Only an instant asked for replays the history: a store a simulation ran ahead of
    the machine's clock is explained as it is stored, not refused for an --at not given."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    ahead = datetime(2099, 3, 2, 9, tzinfo=UTC)
    desk = Desk(POLICY, storage=db, clock=ManualClock(ahead))
    case = desk.intake(make_complaint("a", text="其他问题", received_at=ahead))
    desk.storage.close()
    result = CliRunner().invoke(CLI, ["--db", db, "--policy", POLICY, "cases", "explain", case.id])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(f"{case.id}  [received]")
