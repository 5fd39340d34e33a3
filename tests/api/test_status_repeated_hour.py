"""The customer's status, JSON and page, on a clock that reads in New York across its
repeated hour: Python compares two datetimes of one zone on their wall clocks, so a
deadline at 01:00 EST (the later 01:00) read as passed at 01:30 EDT, half an hour before it,
and a reply at 01:10 EST as older than an opening at 01:50 EDT."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from complaintkit.api.pages import status_page
from complaintkit.api.status_view import customer_view
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
calendars:
  ny: {{timezone: America/New_York, hours: 24x7}}
sla:
  calendar: ny
  targets:
    - first_response: 1h
      resolution: 10h
"""
NEW_YORK = ZoneInfo("America/New_York")
#: 01:00 EDT, the first 01:00 of New York's 2026-11-01.
FIRST_ONE = datetime(2026, 11, 1, 5, 0, tzinfo=UTC)


def _desk(tmp_path: Path, at: datetime) -> tuple[Desk, ManualClock, str]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(at.astimezone(NEW_YORK))
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=clock)
    complaint = {
        "channel": "web",
        "external_id": "ny-1",
        "received_at": at.isoformat(),
        "customer": {"id": "c1"},
        "text": "charged twice",
    }
    return desk, clock, desk.intake(complaint).id


def _view(desk: Desk) -> dict[str, object]:
    (case,) = desk.find()
    assert desk.policy.sla is not None
    return customer_view(case, desk.history(case.id), desk.clock.now(), desk.shown_zones)


def _page(desk: Desk) -> str:
    (case,) = desk.find()
    return bytes(status_page(desk, case, desk.history(case.id), "en").body).decode()


def test_a_first_answer_due_at_the_second_one_oclock_is_not_overdue_before_it(
    tmp_path: Path,
) -> None:
    desk, clock, _ = _desk(tmp_path, FIRST_ONE)  # due 06:00 UTC: 01:00 EST
    clock.set((FIRST_ONE + timedelta(minutes=30)).astimezone(NEW_YORK))  # 01:30 EDT
    assert _view(desk)["overdue"] == []
    page = _page(desk)
    assert "Overdue" not in page
    assert "We are late" not in page
    clock.set((FIRST_ONE + timedelta(minutes=61)).astimezone(NEW_YORK))  # 01:01 EST
    assert _view(desk)["overdue"] == ["first_response"]
    assert "Overdue" in _page(desk)


def test_the_last_update_is_the_latest_in_real_time(tmp_path: Path) -> None:
    answered = FIRST_ONE + timedelta(minutes=50)  # 01:50 EDT
    desk, clock, case_id = _desk(tmp_path, FIRST_ONE)
    clock.set(answered.astimezone(NEW_YORK))
    desk.respond(case_id, "We are looking into it", actor="ann")
    waiting = answered + timedelta(minutes=20)  # 01:10 EST
    clock.set(waiting.astimezone(NEW_YORK))
    desk.transition(case_id, "waiting_on_customer", actor="ann")
    updated = str(_view(desk)["updated_at"])
    assert datetime.fromisoformat(updated).timestamp() == waiting.timestamp()
