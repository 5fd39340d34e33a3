"""Once the follow-up visit is recorded (a score, or a refusal to rate), the status page
no longer tells the customer we will check back with them: they have been asked."""

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
@pytest.mark.parametrize("refused", [False, True])
def test_a_visited_case_does_not_promise_the_visit_again(
    tmp_path: Path, lang: str, refused: bool
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
    desk.respond(case.id, "非常抱歉。", actor="li.na")
    desk.resolve(case.id, "已致歉", actor="li.na")
    desk.transition(case.id, "follow_up", actor="li.na")
    url = f"/status/{case.status_token}?lang={lang}"
    we_will_visit = NEXT_STEPS[Status.FOLLOW_UP][0 if lang == "zh" else 1]
    with running_server(create_app(desk)) as base, httpx.Client(base_url=base) as client:
        assert _next_step(client.get(url, headers={"Accept": "text/html"}).text) == we_will_visit
        if refused:
            desk.follow_up_refused(case.id, "不想评价", actor="li.na")
        else:
            desk.follow_up(case.id, 4, actor="li.na")
        page = client.get(url, headers={"Accept": "text/html"}).text
    assert desk.get(case.id).status is Status.FOLLOW_UP
    assert _next_step(page) != we_will_visit
