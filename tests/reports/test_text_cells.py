"""The text report shows stored text as text: no terminal controls, columns that line up.

Products, owners and attribute values are typed by anyone; printed to a terminal as they are,
an ESC sequence recolours or retitles the terminal, a BEL rings, a newline or tab breaks the
table. They are shown escaped (``\\x1b``, ``\\n``), and columns are measured in terminal
cells, so wide characters beyond the Basic Multilingual Plane (emoji, rare CJK) line up too.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import render_text
from complaintkit.testing.storage_contract import T0, make_complaint

HOSTILE = [
    "bad\x1b]0;pwned\x07name",
    "line\nbreak",
    "tab\tname",
    "del\x7f",
    "c1\x9bq",
    "rtl\u202eabc",
]
WIDE = ["火锅🔥", "𠮷野家", "plain"]


def _report_text(products: list[str]) -> str:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate(products):
        desk.intake(make_complaint(f"P{n}", product=product))
    return render_text(build_report(open_source(desk.storage), now=T0))


def _product_rows(text: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index("== Product") + 2
    return lines[start : lines.index("", start)]


def test_control_characters_are_shown_escaped() -> None:
    text = _report_text(HOSTILE)
    controls = {ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"}
    assert controls == set()
    assert "\u202e" not in text
    rows = _product_rows(text)
    assert len(rows) == len(HOSTILE)
    assert any(row.startswith("  bad\\x1b]0;pwned\\x07name") for row in rows)
    assert any(row.startswith("  line\\nbreak") for row in rows)


def _cells(text: str) -> int:
    wide = ("W", "F")
    return sum(2 if unicodedata.east_asian_width(ch) in wide else 1 for ch in text)


def test_columns_line_up_after_wide_characters() -> None:
    rows = _product_rows(_report_text(WIDE))
    # the count column starts at the same terminal cell on every row
    starts = {_cells(row[: row.index("  1  ") if "  1  " in row else 0]) for row in rows}
    assert len(starts) == 1, rows


RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def test_incident_listing_shows_the_value_escaped(tmp_path: Path) -> None:
    """``report --incident`` prints the incident's key value and each case's external id."""
    source = tmp_path / "in.jsonl"
    lines = [
        {
            "channel": "web",
            "external_id": f"x{n}",  # a key holding a control character is refused at intake
            "received_at": T0.isoformat(),
            "customer": {"id": f"c{n}"},
            "text": "面包发霉了",
            "product": "bread\x1b[2J\x07",
        }
        for n in range(3)
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    cli, runner = build_cli(), CliRunner()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(RETAIL)]
    assert runner.invoke(cli, [*base, "intake", str(source)]).exit_code == 0
    listed = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)["batches"]
    shown = runner.invoke(cli, [*base, "report", "--incident", listed[0]["id"]])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output
    assert "\x07" not in shown.output
    assert "bread\\x1b[2J\\x07" in shown.output
