"""A dead letter's reason is cut in the report's tables, as the names beside it are.

A reason quotes what was refused: an unknown field named under 60 combining marks a letter
("zalgo"), or an unknown field of 10,000 letters (quoted shortened, still some 600; an
unreadable ``received_at`` is counted as ``'…'``). Written whole, the text table's reason column was 600 columns wide, every
count of that section pushed past it, and the marks were drawn over the rows around it,
in the terminal and in the HTML. A reason now keeps at most ``MOST_MARKS`` marks on a
letter and at most three times a name's width (120 columns in the terminal, 240 in the
HTML); ``--json`` and ``--csv`` keep it whole, and ``dead-letters list`` shows each letter.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.graphemes import MOST_MARKS, columns
from complaintkit.reports.html import HTML_CELL_WIDTH
from complaintkit.reports.table import TEXT_CELL_WIDTH

ZALGO = "".join(ch + "\u0301\u0316\u0317\u0489\u0300\u0323" * 10 for ch in "milk")
LINE = {
    "channel": "x",
    "received_at": "2026-11-01T10:00:00+08:00",
    "customer": {"id": "c"},
    "text": "t",
}


def _most_marks(text: str) -> int:
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def _store(tmp_path: Path) -> list[str]:
    lines = [
        {**LINE, "external_id": "1", ZALGO: 1},
        {**LINE, "external_id": "2", "Y" * 10_000: 1},
        {**LINE, "external_id": "3", "received_at": ZALGO},
    ]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}"]
    CliRunner().invoke(build_cli(), [*base, "intake", str(source)])
    return base


def _run(*args: str) -> str:
    result = CliRunner().invoke(build_cli(), list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_text_table_cuts_a_reason(tmp_path: Path) -> None:
    base = _store(tmp_path)
    text = _run(*base, "report")
    section = text.split("dead letters)", 1)[1]
    assert _most_marks(section) == MOST_MARKS
    assert max(columns(row) for row in section.splitlines()) <= 3 * TEXT_CELL_WIDTH + 12
    reasons = json.loads(_run(*base, "report", "--json"))["dead_letters"]["by_reason"]
    assert any(ZALGO in reason for reason in reasons)  # the JSON keeps it whole


def test_the_html_cuts_a_reason(tmp_path: Path) -> None:
    base = _store(tmp_path)
    page = tmp_path / "report.html"
    _run(*base, "report", "--html", str(page))
    cells = [unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", page.read_text("utf-8"))]
    assert max(_most_marks(c) for c in cells) == MOST_MARKS
    assert max(columns(c) for c in cells) == 3 * HTML_CELL_WIDTH
