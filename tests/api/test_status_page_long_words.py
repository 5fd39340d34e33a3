"""A status page stays as wide as a phone (390 px) when a word is wider, in Chromium.

A customer pastes a link as the first words of a complaint (the page's heading shows its
first 60 characters), and a resolution names the link of a refund: a word wider than the
screen breaks where it must, rather than making the whole page scroll sideways.
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
LINK = "https://shop.example.com/orders/2026120112000000000042?from=app&share=wechat"
REFUND = "退款凭证: https://pay.example.com/refunds/" + "7f3a9c" * 20
PHONE = 390
pytestmark = needs_chromium

#: The elements whose text runs past their own box (a word that did not break).
OVERFLOWING = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.outerHTML.slice(0, 40))"""


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=ManualClock(NOON)
    )
    with running_server(create_app(desk)) as url:
        yield url, desk


def test_a_pasted_link_and_a_long_resolution_fit_a_phone(site: tuple[str, Desk]) -> None:
    url, desk = site
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": NOON.isoformat(),
            "text": f"{LINK} 收银员态度很差",
        }
    )
    desk.respond(case.id, "您好,已核实。", actor="li.na")
    desk.resolve(case.id, REFUND, actor="li.na")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": PHONE, "height": 900}, locale="zh-CN")
        page.goto(f"{url}/status/{case.status_token}")
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        overflowing = page.evaluate(OVERFLOWING)
        resolution = page.inner_text("#resolution")
        browser.close()
    assert overflowing == []
    assert scroll <= PHONE
    assert "".join(resolution.split()) == "".join(REFUND.split())
