"""``replay --case ID --html`` keeps a long reason inside the window.

The case's events were one ``<pre>`` block, which never wraps: a reason an agent typed at
some length (why the customer withdrew, 60 words) ran on one line, and the page was
thousands of pixels wide in a 1400 pixel window. The block now wraps its lines, and table
cells break a word too long for them. Measured in Debian's Chromium by a script this test
adds (the page itself has none).
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

import browser
from browser import CHROMIUM
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

_MEASURE = (
    "<script>addEventListener('load', () => {document.body.dataset.width = "
    "document.documentElement.scrollWidth + '/' + innerWidth})</script>"
)
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _page(tmp_path: Path) -> Path:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    policy = load_policy(demo_policy_path(), plugins)
    desk = Desk(policy, storage=db, clock=ManualClock(T0), plugins=plugins)
    try:
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "1",
                "received_at": T0.isoformat(),
                "customer": {"id": "c1"},
                "text": "The milk was sour",
            }
        )
        reason = " ".join(["the customer found the milk at another shop and asked us to stop"] * 6)
        desk.transition(case.id, "withdrawn", actor="li.na", reason=reason)
    finally:
        desk.storage.close()
    html = tmp_path / "replay.html"
    args = ["--db", db, "replay", str(demo_policy_path()), "--case", case.id, "--html", str(html)]
    result = CliRunner().invoke(build_cli(plugins), args)
    assert result.exit_code == 0, result.output
    return html


@browser.needs_chromium
def test_a_long_reason_wraps_instead_of_widening_the_page(tmp_path: Path) -> None:
    page = _page(tmp_path)
    page.write_text(browser.measured(page.read_text(encoding="utf-8"), _MEASURE), encoding="utf-8")
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
    assert int(found[1]) <= int(found[2])
