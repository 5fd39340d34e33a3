"""A long word in a stored cell keeps the HTML report inside the window.

A product id of 254 characters with no space (``SKU-XXXX…``, a scanner's batch code, a URL
pasted as the product) made its table cell as wide as the word: the report, meant for
1340 pixels, was 3041 pixels wide in a 1400 pixel window and every table scrolled sideways.
Cells now break such a word where it must (``overflow-wrap: anywhere``). The page is
measured in Debian's Chromium by a script this test adds (the report itself has none).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from reports_day import T0, GradingPolicy, complaint, local_plugins

import browser
from browser import CHROMIUM
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html

#: Writes the page's width and the window's onto the body, for ``--dump-dom`` to show.
_MEASURE = (
    "<script>addEventListener('load', () => {document.body.dataset.width = "
    "document.documentElement.scrollWidth + '/' + innerWidth})</script>"
)


@browser.needs_chromium
def test_a_long_product_id_wraps_instead_of_widening_the_page(tmp_path: Path) -> None:
    desk = Desk(GradingPolicy(), storage="memory:", clock=ManualClock(T0), plugins=local_plugins())
    desk.intake(complaint("A", "web", T0, "SKU-" + "X" * 250))
    desk.intake(complaint("B", "web", T0, "\u062d\u0644\u064a\u0628 \U0001f95b"))  # RTL, emoji
    html = render_html(build_report(open_source(desk.storage)), "en")
    page = tmp_path / "report.html"
    page.write_text(browser.measured(html, _MEASURE), encoding="utf-8")
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            *browser.FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,900",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'data-width="(\d+)/(\d+)"', dom.stdout)
    assert found is not None, dom.stderr
    width, window = int(found[1]), int(found[2])
    assert width <= window
