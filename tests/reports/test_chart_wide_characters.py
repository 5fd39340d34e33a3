"""Chart labels of characters drawn a full em wide outside the CJK block (emoji) stay
inside their chart: the width estimate took an emoji for a Latin letter, so a product named
in emoji was wrapped to lines half again as wide as the room, and its slanted label ran out
of the chart's frame on the left (found by rendering such a report in Chromium)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from reports_day import local_plugins
from test_charts import FLAGS, MEASURE

import browser
from browser import CHROMIUM, needs_chromium
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import Report, build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.svg import text_width, wrap

EMOJI = "\U0001f600\U0001f389\U0001f4e6\U0001f95b"  # 😀🎉📦🥛: wide (W) in Unicode's table


def _emoji_report() -> Report:
    """Twelve products named in emoji, from 12 cases down to one each."""
    at = datetime(2026, 3, 1, 10, tzinfo=UTC)
    desk = Desk(storage="memory:", clock=ManualClock(at), plugins=local_plugins())
    n = 0
    for i in range(12):
        for _ in range(12 - i):
            n += 1
            desk.intake(
                {
                    "channel": "app",
                    "external_id": f"e{n}",
                    "received_at": at.isoformat(),
                    "customer": {"id": f"u{n}"},
                    "text": "broken",
                    "product": "\U0001f600" * 25 + str(i),
                }
            )
    return build_report(open_source(desk.storage))


def test_an_emoji_is_measured_as_wide_as_a_chinese_character() -> None:
    room = 90.0
    emoji_lines = wrap(EMOJI * 10, room)
    chinese_lines = wrap("牛奶变质" * 10, room)
    assert [len(line) for line in emoji_lines] == [len(line) for line in chinese_lines]
    assert text_width("\U0001f600") == text_width("中")


@needs_chromium
def test_a_product_named_in_emoji_stays_inside_every_chart(tmp_path: Path) -> None:
    page = render_html(_emoji_report(), "en")
    measured = tmp_path / "measured.html"
    measured.write_text(browser.measured(page, MEASURE), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--window-size=1400,2400",
         "--dump-dom", measured.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="outside">(.*?)</pre>', dom, re.S)
    assert found is not None, dom[-2000:]
    assert json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")) == []
