"""The regulatory packs under policies/regulatory: usable through ``extends:``, and
``complaintkit explain`` shows PSD2's 35-business-day extension after a holding reply."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"
PACKS = [
    "fca-disp.yaml",
    "psd2-art101.yaml",
    "cfpb.yaml",
    "samr-complaints.yaml",
    "hkma-complaints.yaml",
    "asic-rg271.yaml",
]
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.mark.parametrize("pack", PACKS)
def test_a_pack_is_usable_through_extends(pack: str, tmp_path: Path) -> None:
    child = tmp_path / "bank.yaml"
    child.write_text(
        f"extends: {REGULATORY / pack}\n"
        "name: bank\n"
        "version: '2026.1'\n"
        "teams: {complaints: {default_owner: jo.smith}}\n",
        encoding="utf-8",
    )
    policy = load_policy(child)
    assert policy.name == "bank"
    assert policy.sla is not None
    assert policy.sla.targets


@pytest.mark.parametrize("pack", PACKS)
def test_a_pack_has_at_least_12_tests_naming_their_source(pack: str) -> None:
    tests = (REGULATORY / pack.replace(".yaml", ".tests.yaml")).read_text(encoding="utf-8")
    names = [line for line in tests.splitlines() if line.strip().startswith("- name:")]
    assert len(names) >= 12
    clauses = ("reg.", "DISP", "Portal Manual", "第", "举报", "HKMA", "RG 271")
    assert all(any(clause in name for clause in clauses) for name in names)


def test_explain_shows_psd2_35_day_extension_after_a_holding_reply(tmp_path: Path) -> None:
    complaint = tmp_path / "complaint.json"
    complaint.write_text(
        json.dumps(
            {
                "channel": "web",
                "external_id": "P-1",
                "received_at": "2026-03-02T10:00:00+00:00",
                "customer": {"id": "C-1"},
                "text": "A card payment was taken twice",
            }
        ),
        encoding="utf-8",
    )
    args = ["explain", str(REGULATORY / "psd2-art101.yaml"), str(complaint)]
    holding = ["--record", "holding_reply@2026-03-16T10:00:00+00:00"]
    result = CliRunner().invoke(CLI, [*args, *holding])
    assert result.exit_code == 0, result.output
    assert "extended to 35 business days upon holding_reply" in result.output
    assert "due 2026-04-23T00:00:00+01:00" in result.output  # 24:00 on 22 April, BST
    assert "days: 35 counted, 16 skipped" in result.output
    assert "skipped 2026-04-03: holiday: Good Friday" in result.output
    as_json = CliRunner().invoke(CLI, [*args, *holding, "--json"])
    (block,) = [b for b in json.loads(as_json.output)["blocks"] if b["section"] == "sla"]
    (resolution,) = block["metrics"]
    assert resolution["extended"][0]["within"] == "35 business days"
    assert [d["date"] for d in resolution["days"] if d["count"] == 35] == ["2026-04-22"]
    before = CliRunner().invoke(CLI, args)
    assert "due 2026-03-24T00:00:00+00:00" in before.output
    assert "days: 15 counted" in before.output


def test_cases_explain_shows_a_stored_case_at_any_point_of_its_life(tmp_path: Path) -> None:
    policy = REGULATORY / "psd2-art101.yaml"
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(datetime(2026, 3, 2, 10, tzinfo=UTC))
    desk = Desk(load_policy(policy), storage=db, clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "P-9",
            "received_at": "2026-03-02T10:00:00+00:00",
            "customer": {"id": "C-9"},
            "text": "A standing order was paid twice",
        }
    )
    clock.set(datetime(2026, 3, 16, 10, tzinfo=UTC))
    desk.record_event(case.id, "holding_reply", actor="jo", reason="waiting for the card scheme")
    desk.storage.close()
    base = ["--db", db, "--policy", str(policy), "cases", "explain", case.id]
    early = CliRunner().invoke(CLI, [*base, "--at", "2026-03-16T12:00:00+00:00"])
    assert early.exit_code == 0, early.output
    assert "extended to 35 business days upon holding_reply" in early.output
    late = CliRunner().invoke(CLI, [*base, "--at", "2026-04-23T10:00:00+01:00", "--json"])
    report = json.loads(late.output)
    (resolution,) = report["metrics"]
    assert resolution["due_at"] == "2026-04-22T23:00:00+00:00"
    assert resolution["fraction"] > 1
    assert report["levels"][0]["fires_at"] == "2026-04-22T23:00:00+00:00"
