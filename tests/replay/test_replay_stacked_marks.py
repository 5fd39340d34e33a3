"""``replay`` keeps at most ``MOST_MARKS`` marks on a letter of stored text, as ``report`` does.

A reason an agent pasted under dozens of combining marks per letter ("zalgo" text) was
written whole into the terminal's timeline and the ``--html`` page's ``<pre>``: the marks
drawn over the lines above and below. The replay now shows stored text through the same
``graphemes.tamed`` the report's cuts use; real text (a Vietnamese vowel's two marks) is
kept as typed.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.graphemes import MOST_MARKS
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ZALGO = "".join(ch + "\u0301\u0316\u0317\u0489\u0300\u0323" * 10 for ch in "gone")
VIETNAMESE = unicodedata.normalize("NFD", "Nguyễn Thị Hường")


def _most_marks(text: str) -> int:
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def _replay(tmp_path: Path, *extra: str) -> str:
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
        desk.transition(case.id, "withdrawn", actor="li.na", reason=f"{ZALGO} {VIETNAMESE}")
    finally:
        desk.storage.close()
    args = ["--db", db, "replay", str(demo_policy_path()), "--case", case.id, *extra]
    result = CliRunner().invoke(build_cli(plugins), args)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_terminal_timeline_keeps_a_few_marks_on_a_letter(tmp_path: Path) -> None:
    text = _replay(tmp_path)
    assert _most_marks(text) == MOST_MARKS
    assert VIETNAMESE in text


def test_the_html_page_keeps_a_few_marks_on_a_letter(tmp_path: Path) -> None:
    page = tmp_path / "replay.html"
    _replay(tmp_path, "--html", str(page))
    html = unescape(page.read_text(encoding="utf-8"))
    assert _most_marks(html) == MOST_MARKS
    assert VIETNAMESE in html
