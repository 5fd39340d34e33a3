"""Custom events: recorded by name through the Desk and the CLI, counted on the case, read
by conditions as case.events.<name>."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy

STATUTORY = Path(__file__).parents[2] / "policies" / "statutory"
COMPLAINT = {
    "channel": "web",
    "external_id": "E-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "the card was charged twice",
}


def test_a_custom_event_is_in_the_history_and_counted_on_the_case() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    desk.record_event(case.id, "holding_reply", actor="amy", reason="8 weeks letter")
    case = desk.record_event(case.id, "holding_reply", actor="amy")
    assert case.attributes["events"] == {"holding_reply": 2}
    assert desk.history(case.id)[-1].kind == "holding_reply"


@pytest.mark.parametrize("name", ["Holding Reply", "transitioned", "sla_started", ""])
def test_names_that_are_not_identifiers_or_are_taken_are_refused(name: str) -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    with pytest.raises(InvalidInput):
        desk.record_event(case.id, name, actor="amy")


def test_conditions_read_custom_events_and_set_facts(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {STATUTORY / 'cn-food-safety-art148.yaml'}\n"
        "compensation:\n  rules:\n"
        "    - id: apology-after-holding-reply\n"
        "      when: {field: case.events.holding_reply, '>=': 1}\n"
        "      remedies: [apology]\n",
        "utf-8",
    )
    desk = Desk(load_policy(policy), storage="memory:")
    case = desk.intake({**COMPLAINT, "amount": {"amount": "20.00", "currency": "CNY"}})
    assert desk.decide_compensation(case.id).rows == ()
    desk.set_facts(
        case.id, {"unsafe_food": True, "loss": {"amount": "500.00", "currency": "CNY"}}, actor="qa"
    )
    assert desk.decide_compensation(case.id).total == Money("2020.00", "CNY")
    desk.set_facts(case.id, {"unsafe_food": False}, actor="qa")
    desk.record_event(case.id, "holding_reply", actor="amy")
    assert desk.decide_compensation(case.id).rows == ("apology-after-holding-reply",)


def test_set_facts_refuses_reserved_names_and_bad_money() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    with pytest.raises(InvalidInput):
        desk.set_facts(case.id, {"case": 1}, actor="qa")
    with pytest.raises(InvalidInput):
        desk.set_facts(case.id, {"loss": {"amount": "x", "currency": "CNY"}}, actor="qa")


def test_the_cli_records_a_custom_event(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=db)
    case_id = desk.intake(COMPLAINT).id
    desk.storage.close()
    result = CliRunner().invoke(
        build_cli(),
        ["--db", db, "cases", "event", case_id, "holding_reply", "--actor", "amy", "--json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["case_id"] == case_id
    assert Desk(storage=db).get(case_id).attributes["events"] == {"holding_reply": 1}
