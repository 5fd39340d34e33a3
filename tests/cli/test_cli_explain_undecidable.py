"""``complaintkit explain`` when compensation cannot be decided for the complaint: the other
sections are still shown, and the compensation block says why."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_complaint_paid_in_another_currency_still_gets_every_other_section(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncompensation: {currency: CNY, rules: "
        "[{id: all, remedies: [{kind: refund, full: true}]}]}\n",
        "utf-8",
    )
    complaint = tmp_path / "c.json"
    complaint.write_text(
        json.dumps(
            {
                "channel": "web",
                "external_id": "x1",
                "received_at": "2026-11-23T09:00:00+08:00",
                "text": "bad",
                "customer": {"id": "C1"},
                "amount": {"amount": "10.00", "currency": "USD"},
            }
        ),
        "utf-8",
    )
    human = CliRunner().invoke(CLI, ["explain", str(policy), str(complaint)])
    assert human.exit_code == 0, human.output
    assert "outcome:" in human.output
    assert "USD" in human.output
    assert "CNY" in human.output
    result = CliRunner().invoke(CLI, ["explain", "--json", str(policy), str(complaint)])
    data = json.loads(result.output)
    sections = {block["section"] for block in data["blocks"]}
    assert {"classification", "routing", "compensation"} <= sections
    (block,) = [b for b in data["blocks"] if b["section"] == "compensation"]
    assert block["error"]["field"]
    assert data["outcome"]["team"] == "desk"
