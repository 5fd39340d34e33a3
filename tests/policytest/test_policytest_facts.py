"""Facts in policy tests reach compensation the way the Desk and ``explain`` see them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk.provisional import explain_complaint
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest import Runner

STATUTORY = Path(__file__).resolve().parents[2] / "policies" / "statutory"


def _run(tmp_path: Path, policy: str, tests: str) -> list[str]:
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {STATUTORY / policy}\ntests:\n{tests}", "utf-8")
    return [r.error or str(r.failures) for r in Runner().run_file(path) if not r.passed]


@pytest.mark.parametrize(
    ("price", "loss", "total"),
    [("20.00", "500.00", "2020"), ("200.00", "100.00", "2300")],
)
def test_food_safety_148_money_facts_count(
    tmp_path: Path, price: str, loss: str, total: str
) -> None:
    # refund + loss + max(10 x price, 3 x loss, 1000)
    tests = (
        "  - name: unsafe food\n"
        f"    complaint: {{text: 变质, amount: {{amount: '{price}', currency: CNY}}}}\n"
        f"    facts: {{unsafe_food: true, loss: {{amount: '{loss}', currency: CNY}}}}\n"
        f"    expect: {{compensation: {{total: {total} CNY}}}}\n"
    )
    assert _run(tmp_path, "cn-food-safety-art148.yaml", tests) == []


def test_price_given_as_a_fact_is_also_what_was_paid(tmp_path: Path) -> None:
    tests = (
        "  - name: price only as a fact\n"
        "    complaint: {text: 变质}\n"
        "    facts: {unsafe_food: true, price: {amount: '200.00', currency: CNY},\n"
        "            loss: {amount: '100.00', currency: CNY}}\n"
        "    expect: {compensation: {total: 2300 CNY}}\n"
    )
    assert _run(tmp_path, "cn-food-safety-art148.yaml", tests) == []


def test_attributes_are_facts_in_tests_as_in_explain(tmp_path: Path) -> None:
    complaint = {
        "channel": "web",
        "external_id": "e-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C-1"},
        "text": "假货",
        "amount": {"amount": "100.00", "currency": "CNY"},
        "attributes": {"fraud": True},
    }
    policy = load_policy(STATUTORY / "cn-consumer-protection-art55.yaml")
    explained = explain_complaint(policy, Complaint.from_json(complaint)).to_json()
    (block,) = [b for b in explained["blocks"] if b["section"] == "compensation"]
    tests = (
        "  - name: fraud as an attribute\n"
        "    complaint: {text: 假货, amount: {amount: '100.00', currency: CNY},"
        " attributes: {fraud: true}}\n"
        f"    expect: {{compensation: {{total: {block['total']['amount']} CNY}}}}\n"
    )
    assert block["total"]["amount"] != "0.00"
    assert _run(tmp_path, "cn-consumer-protection-art55.yaml", tests) == []


def test_attributes_are_top_level_facts_for_classification_too() -> None:
    policy = load_policy(STATUTORY / "cn-food-safety-art148.yaml")
    data = {
        "channel": "web",
        "external_id": "e-2",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C-1"},
        "text": "x",
        "attributes": {"loss": {"amount": "5.00", "currency": "CNY"}, "unsafe_food": True},
    }
    facts = policy.facts(Complaint.from_json(data))
    assert facts["unsafe_food"] is True
    assert str(facts["loss"]) == "5.00"
    assert facts["complaint.attributes.unsafe_food"] is True


def test_cli_test_reports_the_food_safety_totals_as_json(tmp_path: Path) -> None:
    path = tmp_path / "f.tests.yaml"
    path.write_text(
        f"policy: {STATUTORY / 'cn-food-safety-art148.yaml'}\n"
        "tests:\n"
        "  - name: twenty yuan, five hundred lost\n"
        "    complaint: {text: x, amount: {amount: '20.00', currency: CNY}}\n"
        "    facts: {unsafe_food: true, loss: {amount: '500.00', currency: CNY}}\n"
        "    expect: {compensation: {total: 2020 CNY}}\n",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["test", "--json", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["passed"] == 1


def test_facts_in_a_policy_test_reach_classification_too(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {STATUTORY / 'cn-food-safety-art148.yaml'}\n"
        "categories: {fraud: {label: Fraud}}\n"
        "classification:\n  rules:\n"
        "    - {id: fraud, when: {field: fraud, ==: true},"
        " then: {category: fraud, severity: normal, priority: normal}}\n",
        "utf-8",
    )
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        "tests:\n"
        "  - name: a supplied fact classifies\n"
        "    complaint: {text: x}\n"
        "    facts: {fraud: true}\n"
        "    expect: {category: fraud}\n"
        "  - name: without it the default applies\n"
        "    complaint: {text: x}\n"
        "    expect: {category: food}\n",
        "utf-8",
    )
    assert [r.error or r.failures for r in Runner().run_file(tests) if not r.passed] == []
