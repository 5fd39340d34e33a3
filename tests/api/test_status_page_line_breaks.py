"""The status page keeps the lines of what we wrote to the customer, in headless Chromium.

An answer or a resolution written in paragraphs or as a numbered list ("1. 退款" then
"2. 道歉") is read on the page as the letter gives it, not run together into one line;
what it says is still escaped, never read as HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from browser import CHROMIUM, FLAGS, needs_chromium
from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server

playwright = pytest.importorskip("playwright.sync_api")

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai, the store open
ANSWER = "王女士您好:\n\n经核查,收银员当班失礼。\n1. 全额退款\n2. <b>赠送</b>购物券"
RESOLUTION = "已退款 12.80 元\n已向门店通报"
pytestmark = needs_chromium


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=ManualClock(NOON)
    )
    with running_server(create_app(desk)) as url:
        yield url, desk


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_an_answer_and_a_resolution_keep_their_lines(site: tuple[str, Desk]) -> None:
    url, desk = site
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": NOON.isoformat(),
            "text": "收银员态度很差",
        }
    )
    desk.respond(case.id, ANSWER, actor="li.na")
    desk.resolve(case.id, RESOLUTION, actor="li.na")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 900}, locale="zh-CN")
        page.goto(f"{url}/status/{case.status_token}")
        answer = page.inner_text("#updates li")
        resolution = page.inner_text("#resolution")
        bold = page.locator("#updates b").count()
        browser.close()
    assert lines(answer)[-4:] == lines(ANSWER)
    assert lines(resolution) == lines(RESOLUTION)
    assert bold == 0
