"""A ``--by attribute.NAME`` heading and an incident's key and value are shown as the
report's cells are.

Cells had their backslashes doubled (ESC is ``\\x1b``, the typed four characters
``\\\\x1b``), a name reading as a mark quoted and a long one cut; the headings beside them
were not: ``--by 'attribute.lot\\x1b'`` (typed) read as an attribute with an ESC in the
text and HTML headings, a 300-character attribute name stretched the title line and the
incidents table's key column past any terminal, and ``report --incident`` printed an
incident about the value ``(none)`` as one about no value, its key and the cases' ids as
the escapes of what they are not.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.graphemes import columns
from complaintkit.incidents.rule import WindowRule
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.policy import IncidentPolicy
from complaintkit.reports.table import TEXT_CELL_WIDTH, render_csv, render_text
from complaintkit.testing.storage_contract import T0

TYPED = "lot\\x1b"  # the four characters, not ESC
LONG = "L" * 300
RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _desk(storage: str, name: str, value: str) -> Desk:
    clock = ManualClock(T0)
    desk = Desk(storage=storage, clock=clock)
    for n in range(3):
        desk.intake(
            {
                "channel": "web",
                "external_id": f"w\\x1b{n}",
                "customer": {"id": f"c{n}"},
                "received_at": clock.now().isoformat(),
                "text": "bad",
                "product": "p",
                "attributes": {name: value},
            }
        )
        clock.advance(timedelta(minutes=5))
    return desk


def _report(name: str, value: str = "v") -> Report:
    desk = _desk("memory:", name, value)
    return build_report(
        open_source(desk.storage),
        incidents=IncidentPolicy(batches=(WindowRule(f"attributes.{name}", 2, 24),)),
        now=T0 + timedelta(hours=1),
        by=[GroupBy("attribute", name)],
    )


def test_the_text_heading_doubles_a_typed_backslash() -> None:
    text = render_text(_report(TYPED))
    assert "== By Attribute lot\\\\x1b" in text.split("\n")
    assert re.search(r"^  Attribute lot\\\\x1b  +Count", text, re.M)


def test_the_html_headings_double_a_typed_backslash() -> None:
    page = render_html(_report(TYPED))
    headings = [unescape(h) for h in re.findall(r'<h2 dir="auto">(By [^<]*)</h2>', page)]
    assert headings == ["By Attribute lot\\\\x1b"]
    assert unescape('<th dir="auto">Attribute lot\\\\x1b</th>') in unescape(page)


def test_a_long_attribute_name_is_cut_in_the_title_and_the_incidents_key() -> None:
    lines = render_text(_report(LONG)).split("\n")
    title = next(line for line in lines if line.startswith("== By "))
    assert columns(title.removeprefix("== ")) <= TEXT_CELL_WIDTH
    assert title.endswith("…")
    start = lines.index("== Batch incidents (recall trigger)")
    key = re.split(r"\s{2,}", lines[start + 2].strip())[1]
    assert columns(key) <= TEXT_CELL_WIDTH
    assert key.startswith("attributes.LLL")
    assert key.endswith("…")


def test_the_csv_keeps_a_long_heading_whole() -> None:
    assert f"By Attribute {LONG}," in render_csv(_report(LONG))


def test_the_incident_listing_shows_its_key_value_and_ids_as_cells(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    policy = tmp_path / "p.json"
    rule = {"key": f"attributes.{TYPED}", "min_cases": 2, "window_hours": 24}
    policy.write_text(
        json.dumps({"complaintkit": 1, "extends": str(RETAIL), "incidents": {"batches": [rule]}}),
        encoding="utf-8",
    )
    _desk(db, TYPED, "(none)").storage.close()
    runner, cli = CliRunner(), build_cli()
    base = ["--db", db, "--policy", str(policy), "report"]
    listed = runner.invoke(cli, [*base, "--json"])
    assert listed.exit_code == 0, listed.output
    incident = json.loads(listed.output)["batches"][0]["id"]
    shown = runner.invoke(cli, [*base, "--incident", incident])
    assert shown.exit_code == 0, shown.output
    head, *cases = shown.output.splitlines()
    assert f'{incident}  attributes.lot\\\\x1b="(none)"  ' in head
    assert [line.split()[-1] for line in cases] == ["w\\\\x1b0", "w\\\\x1b1", "w\\\\x1b2"]


def test_the_incident_listing_cuts_a_long_key_and_value(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    policy = tmp_path / "p.json"
    rule = {"key": f"attributes.{LONG}", "min_cases": 2, "window_hours": 24}
    policy.write_text(
        json.dumps({"complaintkit": 1, "extends": str(RETAIL), "incidents": {"batches": [rule]}}),
        encoding="utf-8",
    )
    _desk(db, LONG, "V" * 500).storage.close()
    runner, cli = CliRunner(), build_cli()
    base = ["--db", db, "--policy", str(policy), "report"]
    incident = json.loads(runner.invoke(cli, [*base, "--json"]).output)["batches"][0]["id"]
    head = runner.invoke(cli, [*base, "--incident", incident]).output.splitlines()[0]
    key, value = head.split("  ")[1].split("=")
    assert columns(key) <= TEXT_CELL_WIDTH
    assert columns(value) <= TEXT_CELL_WIDTH
    assert key.endswith("…")
    assert value.endswith("…")
