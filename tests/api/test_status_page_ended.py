"""A case that has ended (solved, rejected, withdrawn) promises nothing more on its status
page: no first answer still to come, no 'we open at …' for an evening long past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
LATE_EVENING = datetime(2026, 12, 1, 14, 12, tzinfo=UTC)  # 22:12 in Shanghai: after hours
HTML = {"Accept": "text/html"}

Ending = Callable[[Desk, str], object]
ENDINGS: dict[str, Ending] = {
    "rejected": lambda d, c: d.transition(c, "rejected", actor="li.na", reason="重复投诉"),
    "withdrawn": lambda d, c: d.transition(c, "withdrawn", actor="li.na", reason="顾客撤回"),
    "resolved": lambda d, c: (
        d.transition(c, "investigating", actor="li.na"),
        d.resolve(c, "已退款", actor="li.na"),
    ),
}


@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_an_ended_case_promises_no_first_answer_and_no_opening(tmp_path: Path, ending: str) -> None:
    clock = ManualClock(LATE_EVENING)
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": LATE_EVENING.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.com"},
            "text": "店员态度很差",
        }
    )
    url = f"/status/{case.status_token}?lang=zh"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        before = client.get(url, headers=HTML).text
        assert 'id="out-of-hours"' in before
        assert 'id="first-due"' in before
        clock.advance(timedelta(days=3))
        ENDINGS[ending](desk, case.id)
        after = client.get(url, headers=HTML).text
        view = client.get(url, headers={"Accept": "application/json"}).json()
    assert view["promised"] == {}
    assert 'id="out-of-hours"' not in after
    assert 'id="first-due"' not in after
    assert 'id="resolution-due"' not in after
