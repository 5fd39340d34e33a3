"""Once the first answer was sent, the status page says when it was, under a label that
fits: "First answer: answered · today at 03:12", not the promise's "First answer by", and
in Chinese "首次答复: 已答复", not "首次答复不晚于 已答复" (no later than: answered)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.language import Lang
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOW = datetime(2026, 12, 1, 3, 12, tzinfo=UTC)


def facts(page: str) -> dict[str, str]:
    """The page's facts list: each label and what it says."""
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page, re.S)
    return {
        html.unescape(label): html.unescape(re.sub(r"<[^>]+>", "", value)) for label, value in pairs
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_answered_first_answer_is_not_labelled_as_a_promise(lang: Lang) -> None:
    desk = Desk(clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "a-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "店员态度很差",
        }
    )
    desk.respond(case.id, "非常抱歉", actor="li.na")
    url = f"/status/{case.status_token}?lang={lang}"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        page = client.get(url, headers={"Accept": "text/html"})
    shown = facts(page.text)
    assert say("first_answer", lang) not in shown
    answered = [value for value in shown.values() if value.startswith(say("answered", lang))]
    assert len(answered) == 1
