"""Charts: the policy's labels, everything inside its frame, "N more", "no data" and marks.

The browser test renders the HTML report of a Chinese policy in headless Chromium (Debian's
``chromium`` package; CJK text needs ``fonts-noto-cjk``) and measures every drawn element
against its chart's frame; it skips when Chromium is absent, except in CI.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from reports_day import local_plugins

import browser
from browser import CHROMIUM, needs_chromium
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import (
    IncidentPolicy,
    Report,
    SpikeRule,
    WindowRule,
    build_report,
    open_source,
)
from complaintkit.reports.html import render_html
from complaintkit.reports.svg import HEIGHT, WIDTH, Series, bar_chart, text_width, wrap
from complaintkit.reports.vocabulary import Vocabulary

POLICY = Path(__file__).parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
TEXTS = [
    "快递丢件了,显示签收但没收到",
    "收到的是假货,要求退一赔三",
    "重复扣款,扣了两次钱",
    "客服态度很差",
]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def chinese_report() -> Report:
    """Three weeks of an online shop's Chinese complaints: 15 products with long names, a
    surge of lost parcels on the last day, and a batch incident on one product."""
    policy = load_policy(POLICY)
    start = datetime(2026, 3, 1, 10, tzinfo=UTC)
    clock = ManualClock(start)
    desk = Desk(policy, storage="memory:", clock=clock, plugins=local_plugins())
    n = 0
    for day in range(21):
        for k in range(3 if day < 20 else 14):
            n += 1
            clock.set(start + timedelta(days=day, minutes=k))
            lost = day == 20 and k < 12
            desk.intake(
                {
                    "channel": "app",
                    "external_id": f"z{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"u{n}"},
                    "text": TEXTS[0] if lost else TEXTS[n % len(TEXTS)],
                    "product": f"超长名称的智能恒温电热水壶礼盒装第{n % 15}号款式"
                    if not lost
                    else "SKU-LOST",
                    "language": "zh",
                }
            )
    rules = IncidentPolicy((WindowRule("product", 5, 24),), (SpikeRule("category", min_count=5),))
    return build_report(
        open_source(desk.storage), incidents=rules, vocabulary=Vocabulary.of(policy)
    )


def charts(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", page, re.S)]


def test_charts_use_the_policy_labels_not_ids(chinese_report: Report) -> None:
    page = render_html(chinese_report, "zh")
    texts = " ".join(t for svg in charts(page) for t in svg.itertext())
    assert "物流与交付投诉" in texts
    assert ">delivery<" not in page


def test_daily_chart_marks_spikes_and_incidents(chinese_report: Report) -> None:
    assert chinese_report.spikes
    assert chinese_report.batches
    daily = next(
        s for s in charts(render_html(chinese_report, "zh")) if "每日" in "".join(s.itertext())
    )
    names = " ".join(daily.itertext())
    assert "激增" in names
    assert "批量事件" in names
    assert len(daily.findall(f".//{SVG}g[@class='mark']")) >= 2


def test_left_out_items_are_counted(chinese_report: Report) -> None:
    page = render_html(chinese_report, "zh")
    assert "另有 4 项" in page  # 16 products, 12 drawn


def test_an_empty_chart_says_no_data() -> None:
    svg = bar_chart("t", [], [Series("n", [])], "x", "y")
    assert "no data" in svg


def test_count_axes_have_integer_ticks() -> None:
    svg = ET.fromstring(bar_chart("t", ["a", "b"], [Series("n", [1, 3])], "x", "y"))
    ticks = [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert [t for t in ticks if re.fullmatch(r"[\d.]+", t)] == ["0", "1", "2", "3", "4"]


def test_long_names_wrap_and_end_in_an_ellipsis() -> None:
    lines = wrap("超长名称的智能恒温电热水壶礼盒装第十二号款式", 90)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(text_width(line) <= 90 for line in lines)


def test_nothing_is_placed_outside_the_frame(chinese_report: Report) -> None:
    """Static geometry: every shape and unrotated text (at its estimated width) fits."""
    for svg in charts(render_html(chinese_report, "zh")):
        for rect in svg.iter(f"{SVG}rect"):
            x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
            assert 0 <= x <= x + float(rect.get("width", 0)) <= WIDTH
            assert 0 <= y <= y + float(rect.get("height", 0)) <= HEIGHT
        for text in svg.iter(f"{SVG}text"):
            if "transform" in text.attrib:
                continue
            x, width = float(text.get("x", 0)), text_width("".join(text.itertext()))
            anchor = text.get("text-anchor", "start")
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            assert left >= 0, "".join(text.itertext())
            assert left + width <= WIDTH, "".join(text.itertext())


MEASURE = """<script>
window.addEventListener("load", () => {
  const out = [];
  document.querySelectorAll("svg").forEach((svg, n) => {
    const frame = svg.getBoundingClientRect();
    svg.querySelectorAll("text, rect, line, path, circle, polyline").forEach((el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return;
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 ||
          box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        out.push([n, el.tagName, (el.textContent || "").slice(0, 40),
                  [box.left - frame.left, box.top - frame.top, box.right - frame.left,
                   box.bottom - frame.top]]);
      }
    });
  });
  const pre = document.createElement("pre");
  pre.id = "outside";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""

FLAGS = ["--headless", *browser.FLAGS]


@needs_chromium
def test_chinese_report_in_chromium_shows_its_labels_inside_every_frame(
    chinese_report: Report, tmp_path: Path
) -> None:
    page = render_html(chinese_report, "zh")
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    measured = tmp_path / "measured.html"
    measured.write_text(browser.measured(page, MEASURE), encoding="utf-8")
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p1'}", "--window-size=1400,2400",
         f"--screenshot={shot}", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert shot.stat().st_size > 10_000
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p2'}", "--window-size=1400,2400",
         "--dump-dom", measured.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    ).stdout  # fmt: skip
    assert "物流与交付投诉" in dom
    found = re.search(r'<pre id="outside">(.*?)</pre>', dom, re.S)
    assert found is not None, dom[-2000:]
    assert json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")) == []


def test_incident_marks_fall_on_the_report_zone_day() -> None:
    """The daily chart counts days in the report's zone; an incident opened at 06:00 in
    Shanghai (22:00 UTC the day before) is marked on its Shanghai day."""
    zone = ZoneInfo("Asia/Shanghai")
    clock = ManualClock(datetime(2026, 3, 1, 12, tzinfo=zone))
    desk = Desk(storage="memory:", clock=clock, plugins=local_plugins())
    times = [datetime(2026, 3, 1, 12, tzinfo=zone)] + [
        datetime(2026, 3, 3, 6, k, tzinfo=zone) for k in range(3)
    ]
    for n, at in enumerate(times):
        clock.set(at)
        desk.intake(
            {
                "channel": "app",
                "external_id": f"m{n}",
                "received_at": at.isoformat(),
                "customer": {"id": f"u{n}"},
                "text": "牛奶变质",
                "product": "SKU-MILK",
            }
        )
    rules = IncidentPolicy((WindowRule("product", 3, 24),), ())
    report = build_report(open_source(desk.storage), incidents=rules, zone=zone)
    daily = next(s for s in charts(render_html(report, "en")) if "Daily" in "".join(s.itertext()))
    marks = [" ".join(m.itertext()) for m in daily.findall(f".//{SVG}g[@class='mark']")]
    assert marks == ["2026-03-03: incident"]
