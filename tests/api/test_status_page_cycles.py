"""What a case's status page tells its customer at the later turns of its life: after the
follow-up visit, when rejected, when reopened — each once contradicted what could happen
next ('we will check back' after the visit; 'our answer below says why' over 'No answer
yet'; the first round's 'answered' instead of the reopened case's new promise)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.wording import NEXT_STEPS, plain_time
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 12, tzinfo=UTC)  # 12:12 in Shanghai


def _opened(tmp_path: Path, clock: ManualClock) -> tuple[Desk, Case]:
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "e-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1", "contact": "wang@example.com"},
            "text": "店员态度很差",
        }
    )
    return desk, case


@contextmanager
def _status_page(desk: Desk, case: Case, lang: str) -> Iterator[Callable[[str], httpx.Response]]:
    """The case's status page in ``lang``, asked for as the given media type."""
    url = f"/status/{case.status_token}?lang={lang}"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        yield lambda accept: client.get(url, headers={"Accept": accept})


def _html(page: Callable[[str], httpx.Response]) -> str:
    return page("text/html").text


def _next_step(page: str) -> str:
    return page.split('id="next-step">', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("refused", [False, True])
def test_a_visited_case_does_not_promise_the_visit_again(
    tmp_path: Path, lang: str, refused: bool
) -> None:
    desk, case = _opened(tmp_path, ManualClock(NOON))
    desk.respond(case.id, "非常抱歉。", actor="li.na")
    desk.resolve(case.id, "已致歉", actor="li.na")
    desk.transition(case.id, "follow_up", actor="li.na")
    we_will_visit = NEXT_STEPS[Status.FOLLOW_UP][0 if lang == "zh" else 1]
    with _status_page(desk, case, lang) as status:
        assert _next_step(_html(status)) == we_will_visit
        if refused:
            desk.follow_up_refused(case.id, "不想评价", actor="li.na")
        else:
            desk.follow_up(case.id, 4, actor="li.na")
        page = _html(status)
    assert desk.get(case.id).status is Status.FOLLOW_UP
    assert _next_step(page) != we_will_visit


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("answered", [False, True])
def test_a_rejected_case_says_why_is_below_only_when_an_answer_is(
    tmp_path: Path, lang: str, answered: bool
) -> None:
    """Nothing reaches the customer of a case that ended: an answer not sent before the
    rejection never comes."""
    desk, case = _opened(tmp_path, ManualClock(NOON))
    if answered:
        desk.respond(case.id, "您的投诉与 CK-1 重复,我们在那里答复您。", actor="li.na")
    desk.transition(case.id, "rejected", actor="li.na", reason="重复投诉")
    with _status_page(desk, case, lang) as status:
        page = _html(status)
    points_below = NEXT_STEPS[Status.REJECTED][0 if lang == "zh" else 1]
    assert (_next_step(page) == points_below) is answered
    assert ("id=updates" in page) is answered


def test_a_reopened_case_shows_its_new_first_answer_promise(tmp_path: Path) -> None:
    """As its JSON does, not only 'answered' at the first cycle's answer."""
    clock = ManualClock(NOON)
    desk, case = _opened(tmp_path, clock)
    clock.advance(timedelta(hours=1))
    desk.respond(case.id, "非常抱歉,我们马上核查。", actor="li.na")
    desk.resolve(case.id, "已向您致歉并培训店员", actor="li.na")
    desk.follow_up(case.id, 4, actor="li.na")
    desk.close(case.id, actor="li.na")
    clock.advance(timedelta(days=10))
    desk.reopen(case.id, actor="li.na", reason="顾客来电说店员仍然如此")
    reopened_at = clock.now()
    with _status_page(desk, case, "zh") as status:
        view = status("application/json").json()
        reopened = _html(status)
        clock.advance(timedelta(minutes=30))
        desk.respond(case.id, "我们再次核查。", actor="li.na")
        answered = _html(status)
    due = datetime.fromisoformat(view["promised"]["first_response"])
    assert due > reopened_at  # a promise of the new cycle
    assert f'<span id="first-due">{plain_time(due, desk.zone, reopened_at, "zh")}<' in reopened
    assert 'id="first-due"' not in answered
