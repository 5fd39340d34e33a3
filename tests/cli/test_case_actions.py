"""``complaintkit cases compensate``: the policy's decision recorded from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def test_compensate_records_the_decision_as_a_proposal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(RETAIL), storage=db)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": "2026-12-01T10:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "买的牛奶变质了",
            "amount": {"amount": "12.80", "currency": "CNY"},
        }
    )
    desk.storage.close()
    base = ["--db", db, "--policy", str(RETAIL), "cases", "compensate", case.id, "--actor", "li.na"]
    result = run(*base, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["case_id"] == case.id
    stored = Desk(load_policy(RETAIL), storage=db).get(case.id)
    (entry,) = stored.compensation
    assert entry["status"] == "proposed"
    kinds = [r["kind"] for r in entry["decision"]["remedies"]]
    assert "refund" in kinds
    bad = run(*base, "--facts", "[1]")
    assert bad.exit_code == 2
    assert "JSON object" in bad.output


def test_compensate_refuses_facts_no_json_reader_should_take_by_name(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(RETAIL), storage=db)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "M-2",
            "received_at": "2026-12-01T10:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "买的牛奶变质了",
            "amount": {"amount": "12.80", "currency": "CNY"},
        }
    )
    desk.storage.close()
    base = ["--db", db, "--policy", str(RETAIL), "cases", "compensate", case.id, "--actor", "x"]
    for facts in ['{"loss": ' + "9" * 5000 + "}", '{"days_late": NaN}']:
        result = run(*base, "--facts", facts)
        assert result.exit_code == 2, result.output
        assert "--facts" in result.output
