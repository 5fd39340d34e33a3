"""An answer another system recorded without its words is not shown as an empty reply.

A history import with a ``first_response_at`` and no ``response`` records that the customer
was answered then, not what they were told. The status page listed it under "我们的答复"
/ "Our replies" as a dated reply with nothing in it, and the JSON as an update whose
``message`` is ``""``: the customer read that the desk had sent them nothing. The page's
first-answer line says when they were answered; the reply list shows only words sent.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOW = datetime(2026, 12, 1, 3, 12, tzinfo=UTC)


def imported(path: Path, response: str | None) -> tuple[Desk, str]:
    desk = Desk(storage=f"sqlite:///{path}", clock=ManualClock(NOW))
    history = {"status": "investigating", "first_response_at": "2026-11-20T10:00:00+08:00"}
    if response is not None:
        history["response"] = response
    case = desk.intake(
        {
            "channel": "old-desk",
            "external_id": "T-1",
            "received_at": "2026-11-20T09:00:00+08:00",
            "customer": {"id": "C-1"},
            "text": "店员态度很差",
            "history": history,
        }
    )
    return desk, case.status_token


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_answer_recorded_without_its_words_lists_no_empty_reply(
    tmp_path: Path, lang: str
) -> None:
    desk, token = imported(tmp_path / "cases.db", None)
    url = f"/status/{token}?lang={lang}"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        page = client.get(url, headers={"Accept": "text/html"}).text
        shown = client.get(url, headers={"Accept": "application/json"}).json()
    assert shown["updates"] == []
    assert re.search(r"<div class=written[^>]*>\s*</div>", page) is None
    assert "10:00" in page  # the first-answer line still says when they were answered
    assert shown["updated_at"] == "2026-11-20T10:00:00+08:00"


def test_an_answer_recorded_with_its_words_is_listed(tmp_path: Path) -> None:
    desk, token = imported(tmp_path / "cases.db", "已致电客户道歉")
    url = f"/status/{token}"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        shown = client.get(url, headers={"Accept": "application/json"}).json()
    assert shown["updates"] == [{"at": "2026-11-20T10:00:00+08:00", "message": "已致电客户道歉"}]
