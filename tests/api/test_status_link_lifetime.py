"""A customer's status link stops showing their case a while after it ended.

Links never expired: a letter's link in an old mailbox, a forwarded mail, a shared screen
showed the case — the customer's words, every answer, what was offered — for ever. Now a
case that ended (closed, rejected, withdrawn) is shown for ``status_link_lifetime``
(180 days by default) after its last change; then its page (410) and its JSON (410,
field ``token``) say the link has expired and show nothing of the case, nor does an
answer posted to one of its offers. An open case's link never expires: its customer is
still waiting for us."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.model.case import Case
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
WORDS = "the milk was sour"


def _opened(tmp_path: Path) -> tuple[Desk, ManualClock, Case]:
    clock = ManualClock(NOON)
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W-1",
            "received_at": NOON.isoformat(),
            "customer": {"id": "C-1"},
            "text": WORDS,
        }
    )
    return desk, clock, case


def _shows_nothing_of(answer: httpx.Response, case: Case) -> None:
    assert answer.status_code == 410
    assert WORDS not in answer.text
    assert case.id not in answer.text
    assert answer.headers["Cache-Control"] == "no-store"


def test_an_ended_case_is_shown_until_its_link_expires(tmp_path: Path) -> None:
    desk, clock, case = _opened(tmp_path)
    desk.transition(case.id, "rejected", actor="li.na", reason="a duplicate")
    url = f"/status/{case.status_token}"
    with (
        desk.storage,
        running_server(create_app(desk)) as base,
        loopback_client(base_url=base) as client,
    ):
        clock.advance(timedelta(days=180) - timedelta(seconds=1))
        assert client.get(url, headers=HTML).status_code == 200
        assert client.get(url, headers=JSON).json()["status"] == "rejected"
        clock.advance(timedelta(seconds=1))
        page = client.get(url, headers=HTML)
        view = client.get(url, headers=JSON)
        chinese = client.get(f"{url}?lang=zh", headers=HTML)
        english = client.get(f"{url}?lang=en", headers=HTML)
    _shows_nothing_of(page, case)
    assert "expired" in english.text
    _shows_nothing_of(view, case)
    assert view.json()["field"] == "token"
    assert "expired" in view.json()["error"]
    _shows_nothing_of(chinese, case)
    assert "过期" in chinese.text


def test_an_offer_answer_by_an_expired_link_shows_nothing_of_the_case(tmp_path: Path) -> None:
    desk, clock, case = _opened(tmp_path)
    desk.transition(case.id, "withdrawn", actor="li.na", reason="the customer withdrew")
    clock.advance(timedelta(days=181))
    url = f"/status/{case.status_token}/offers/comp-1"
    with (
        desk.storage,
        running_server(create_app(desk)) as base,
        loopback_client(base_url=base) as client,
    ):
        form = client.post(url, data={"answer": "accept"})
        sent = client.post(url, json={"answer": "accept"})
    _shows_nothing_of(form, case)
    _shows_nothing_of(sent, case)
    assert sent.json()["field"] == "token"


def test_an_open_case_link_does_not_expire(tmp_path: Path) -> None:
    desk, clock, case = _opened(tmp_path)
    clock.advance(timedelta(days=3 * 365))
    with (
        desk.storage,
        running_server(create_app(desk)) as base,
        loopback_client(base_url=base) as client,
    ):
        assert client.get(f"/status/{case.status_token}", headers=JSON).status_code == 200


def test_the_lifetime_is_the_servers_to_set(tmp_path: Path) -> None:
    desk, clock, case = _opened(tmp_path)
    desk.transition(case.id, "rejected", actor="li.na", reason="a duplicate")
    clock.advance(timedelta(days=7))
    app = create_app(desk, status_link_lifetime=timedelta(days=7))
    with desk.storage, running_server(app) as base, loopback_client(base_url=base) as client:
        assert client.get(f"/status/{case.status_token}", headers=JSON).status_code == 410


@pytest.mark.parametrize("lifetime", [timedelta(0), timedelta(days=-1), 180])
def test_a_lifetime_that_is_none_is_refused(tmp_path: Path, lifetime: object) -> None:
    desk = Desk(storage="memory:")
    with pytest.raises(ConfigError, match="status_link_lifetime"):
        create_app(desk, status_link_lifetime=lifetime)  # type: ignore[arg-type]
