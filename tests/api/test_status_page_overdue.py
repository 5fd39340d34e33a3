"""A deadline that has passed is shown as passed: a case imported open from another
system long after it was received, or one nobody answered in time, tells the customer we
are late, never 'first answer by' a day long gone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
HTML = {"Accept": "text/html"}
OVERDUE = {"en": "Overdue", "zh": "已逾期"}
LATE_NEXT = {"en": "We are late", "zh": "我们已超过"}


def _imported(desk: Desk, status: str) -> str:
    """An open case from another system, received two years ago and never answered."""
    return desk.intake(
        {
            "channel": "old-desk",
            "external_id": "T-3",
            "received_at": "2024-10-20T10:00:00+08:00",
            "customer": {"id": "C-1"},
            "text": "促销价没有生效",
            "history": {"status": status, "owner": "li.na"},
        }
    ).status_token


def _pages(desk: Desk, token: str) -> tuple[dict[str, str], dict[str, Any]]:
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        pages = {
            lang: client.get(f"/status/{token}?lang={lang}", headers=HTML).text
            for lang in ("en", "zh")
        }
        view = client.get(f"/status/{token}", headers={"Accept": "application/json"}).json()
    return pages, view


@pytest.mark.parametrize("status", ["received", "investigating"])
def test_a_back_dated_import_shows_its_deadlines_as_passed(status: str) -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=ManualClock(NOW))
    pages, view = _pages(desk, _imported(desk, status))
    for lang, page in pages.items():
        first = page.split('id="first-due"')[1].split("</dd>")[0]
        resolution = page.split('id="resolution-due"')[1].split("</dd>")[0]
        assert OVERDUE[lang] in first
        assert "2024" in first
        assert OVERDUE[lang] in resolution
        next_step = page.split('id="next-step">')[1].split("</p>")[0]
        assert (LATE_NEXT[lang] in next_step) == (status == "received"), next_step
    assert view["overdue"] == ["first_response", "resolution"]


def test_a_deadline_still_ahead_is_a_promise() -> None:
    clock = ManualClock(NOW)
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=clock)
    token = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-2"},
            "text": "店员态度很差",
        }
    ).status_token
    pages, view = _pages(desk, token)
    for lang, page in pages.items():
        assert OVERDUE[lang] not in page
        assert LATE_NEXT[lang] not in page
    assert view["overdue"] == []
    first_due = datetime.fromisoformat(view["promised"]["first_response"])
    clock.set(first_due + timedelta(seconds=1))
    pages, view = _pages(desk, token)
    assert all(OVERDUE[lang] in page for lang, page in pages.items())
    assert view["overdue"] == ["first_response"]
    clock.set(first_due)  # a reply at the deadline is in time: not overdue yet
    assert _pages(desk, token)[1]["overdue"] == []
