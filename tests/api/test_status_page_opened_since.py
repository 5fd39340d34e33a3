"""The after-hours note is about an opening still ahead.

A complaint received at 22:12, after the store closed, is told "we open again tomorrow at
08:00". Read at 15:00 the next day, still waiting for its first answer, the page must not
say "We open again today at 08:00" (we have been open for seven hours), nor, days later,
name an opening long past as the next one: the promised first answer and the next step
say what is ahead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
LATE_EVENING = datetime(2026, 12, 1, 14, 12, tzinfo=UTC)  # 22:12 in Shanghai, after closing
OPENING = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
HTML = {"Accept": "text/html"}


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk, ManualClock]]:
    clock = ManualClock(LATE_EVENING)
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk, clock


def note(client: httpx.Client, status_url: str, lang: str) -> str | None:
    page = client.get(f"{status_url}?lang={lang}", headers=HTML).text
    found = re.search(r'id="out-of-hours">([^<]*)<', page)
    return None if found is None else found.group(1)


@pytest.mark.parametrize(
    ("after", "shown"),
    [
        (timedelta(minutes=30), True),  # 22:42: the store opens tomorrow at 08:00
        (OPENING - LATE_EVENING - timedelta(minutes=1), True),  # 07:59
        (OPENING - LATE_EVENING, False),  # 08:00: open now
        (OPENING - LATE_EVENING + timedelta(hours=7), False),  # 15:00, still unanswered
        (timedelta(days=3), False),  # days later: that opening is long past
    ],
)
def test_the_note_is_shown_only_before_the_opening(
    served: tuple[httpx.Client, Desk, ManualClock], after: timedelta, shown: bool
) -> None:
    client, _, clock = served
    sent = client.post(
        "/?lang=zh", data={"contact": "13800001234", "text": "收银员态度很差"}, headers=HTML
    )
    status_url = sent.headers["location"].split("?")[0]
    clock.advance(after)
    for lang in ("zh", "en"):
        assert (note(client, status_url, lang) is not None) is shown, (lang, after)
