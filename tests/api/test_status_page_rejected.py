"""A rejected case's status page points to the answer saying why only when one was sent:
nothing can reach the customer of a case that ended, so an answer not sent before the
rejection never comes, and 'our answer below says why' above 'No answer yet' misleads."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.wording import NEXT_STEPS
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)  # 12:12 in Shanghai


def _next_step(page: str) -> str:
    return page.split('id="next-step">', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("answered", [False, True])
def test_a_rejected_case_says_why_is_below_only_when_an_answer_is(
    tmp_path: Path, lang: str, answered: bool
) -> None:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(NOON)
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.com"},
            "text": "店员态度很差",
        }
    )
    if answered:
        desk.respond(case.id, "您的投诉与 CK-1 重复,我们在那里答复您。", actor="li.na")
    desk.transition(case.id, "rejected", actor="li.na", reason="重复投诉")
    url = f"/status/{case.status_token}?lang={lang}"
    with running_server(create_app(desk)) as base, httpx.Client(base_url=base) as client:
        page = client.get(url, headers={"Accept": "text/html"}).text
    points_below = NEXT_STEPS[Status.REJECTED][0 if lang == "zh" else 1]
    assert (_next_step(page) == points_below) is answered
    assert ("id=updates" in page) is answered
