"""The customer pages in headless Chromium, on a phone (390 px) and a desktop (1280 px).

Checked by geometry and text, never by pixels: nothing wider than the viewport, text at
least 16 px, every form control inside the screen, the words a customer should read.
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
LATE_EVENING = datetime(2026, 12, 1, 14, 12, tzinfo=UTC)  # 22:12 in Shanghai
pytestmark = needs_chromium

# Widest element, body font size and controls outside the viewport, measured in the page.
MEASURE = """() => {
  const width = window.innerWidth;
  const outside = [...document.querySelectorAll('main *')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.left < -0.5 || r.right > width + 0.5)).length;
  return {
    scroll: document.documentElement.scrollWidth,
    width,
    font: parseFloat(getComputedStyle(document.body).fontSize),
    outside,
  };
}"""


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    desk = Desk(
        load_policy(RETAIL),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(LATE_EVENING),
    )
    with running_server(create_app(desk)) as url:
        yield url, desk


def assert_fits(page: object, width: int) -> None:
    measured = page.evaluate(MEASURE)  # type: ignore[attr-defined]
    assert measured["width"] == width
    assert measured["scroll"] <= width, measured
    assert measured["outside"] == 0, measured
    assert measured["font"] >= 16, measured


@pytest.mark.parametrize("width", [390, 1280])
def test_a_chinese_complaint_through_the_form_and_its_status_page(
    site: tuple[str, Desk], tmp_path: Path, width: int
) -> None:
    url, desk = site
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
        page.goto(f"{url}/")
        assert page.get_attribute("html", "lang") == "zh-CN"
        assert_fits(page, width)

        page.fill("#name", "王女士")
        page.fill("#text", "   ")
        page.click("button[type=submit]")
        assert page.inner_text("#text-error") == "请描述发生了什么。"
        assert page.get_attribute("#text", "aria-describedby") == "text-error"
        assert page.input_value("#name") == "王女士"

        page.fill("#contact", "13800001234")
        page.fill("#text", "买的牛奶变质了,孩子喝了拉肚子")
        page.click("button[type=submit]")
        page.wait_for_url("**/status/**")
        assert_fits(page, width)
        body = page.inner_text("main")
        assert "已收到,等待受理" in body
        assert "产品投诉" in body
        assert "今天 22:12" in body
        # urgent: answered within two hours of the store's day, which opens at 08:00
        assert "明天 10:00" in body
        assert "明天 08:00 (UTC+8) 上班后处理" in body
        assert page.inner_text("#next-step").startswith("客服人员将尽快首次答复您")
        assert "请保存本页链接" in body
        page.screenshot(path=str(tmp_path / f"status-{width}.png"), full_page=True)

        (case,) = desk.find()
        desk.respond(case.id, "非常抱歉!我们已联系您并安排退款。", actor="li.na")
        page.reload()
        assert "非常抱歉!我们已联系您并安排退款。" in page.inner_text("#updates")
        assert "已受理" in page.inner_text("#status")
        browser.close()
    assert (tmp_path / f"status-{width}.png").stat().st_size > 5_000
