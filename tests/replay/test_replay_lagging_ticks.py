"""A replay of a store whose ticks lag says which of its differences are only that.

Replaying the policy in force right after an import, or on a store whose scheduler stopped,
showed cases as changed (`first_response breached`) with nothing saying the policy had no
part in it: the stored history has work due that no tick has stored yet.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.render import render_html, render_text

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"
RECEIVED = datetime(2026, 9, 29, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _desk(path: Path) -> tuple[Desk, ManualClock]:
    clock = ManualClock(RECEIVED)
    return Desk(load_policy(POLICY), storage=f"sqlite:///{path}", clock=clock), clock


def _complaint(external_id: str, at: datetime) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": external_id,
        "customer": {"id": external_id},
        "text": "收银员态度很差",
        "received_at": at.isoformat(),
    }


def test_changes_a_tick_would_store_are_counted_and_named(tmp_path: Path) -> None:
    desk, clock = _desk(tmp_path / "cases.db")
    desk.intake(_complaint("A", RECEIVED))
    clock.advance(timedelta(days=10))  # no tick ran: A's deadlines passed unrecorded
    desk.intake(_complaint("B", clock.now()))
    result = replay_store(desk.storage, desk.policy, Plugins())
    assert result.comparison.changed == 1
    assert result.comparison.lagging == 1
    assert result.to_json()["lagging"] == 1
    text = render_text(result)
    assert "1 of them have SLA work due by then that no tick has stored" in text
    assert "complaintkit tick" in text
    desk.tick(clock.now())
    again = replay_store(desk.storage, desk.policy, Plugins())
    desk.storage.close()
    assert (again.comparison.changed, again.comparison.lagging) == (0, 0)
    assert "no tick has stored" not in render_text(again)


def test_the_command_says_it_too(tmp_path: Path) -> None:
    desk, clock = _desk(tmp_path / "cases.db")
    desk.intake(_complaint("A", RECEIVED))
    clock.advance(timedelta(days=10))
    desk.intake(_complaint("B", clock.now()))
    desk.storage.close()
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(build_cli(), ["--db", db, "replay", str(POLICY)])
    assert "no tick has stored" in result.output, result.output


def test_the_page_says_it_too(tmp_path: Path) -> None:
    desk, clock = _desk(tmp_path / "cases.db")
    desk.intake(_complaint("A", RECEIVED))
    clock.advance(timedelta(days=10))
    desk.intake(_complaint("B", clock.now()))
    result = replay_store(desk.storage, desk.policy, Plugins())
    desk.storage.close()
    assert "1 of them have SLA work due by then that no tick has stored" in render_html(result)


def test_work_falling_due_after_now_is_no_tick_s_lag(tmp_path: Path) -> None:
    """``--at`` later than now: the candidate fires what falls due by then, which no tick
    can have stored yet, so running ``tick`` changes nothing; the replay says the run goes
    past now instead of advising a tick."""
    desk, clock = _desk(tmp_path / "cases.db")
    desk.intake(_complaint("A", RECEIVED))
    desk.tick(clock.now())  # the store is up to date now
    later = clock.now() + timedelta(days=30)
    result = replay_store(desk.storage, desk.policy, Plugins(), horizon=later, now=clock.now())
    desk.storage.close()
    assert result.comparison.changed == 1  # A's deadlines pass by then, after now
    assert result.comparison.lagging == 0
    text = render_text(result)
    assert "no tick has stored" not in text
    assert f"the run goes past now ({clock.now().isoformat()})" in text
    assert f"the run goes past now ({clock.now().isoformat()})" in render_html(result)
