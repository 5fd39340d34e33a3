"""The compiled Policy: classification, routing, reasons, explain, and the Desk at intake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.desk.provisional import explain_complaint
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy

POLICY = demo_policy_path()


class History:
    def __init__(self, recent: int = 0) -> None:
        self.recent = recent

    def complaints_in_last_days(self, days: int) -> int:
        return self.recent

    def open_cases(self) -> int:
        return 0


def complaint(text: str, subject: str = "", **extra: Any) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "web",
            "external_id": "T-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": extra.pop("customer", {"id": "C1"}),
            "subject": subject,
            "text": text,
            **extra,
        }
    )


@pytest.mark.parametrize("text", ["牛奶打开就变质了", "面包里吃出异物", "面包里有异物,已经变质"])
def test_chinese_rules_classify_chinese_food_safety(text: str) -> None:
    outcome = load_policy(POLICY).assess(complaint(text), History())
    assert (outcome.category, outcome.severity, outcome.priority) == (
        "product",
        "critical",
        "urgent",
    )
    assert "food_safety" in outcome.tags
    assert (outcome.team, outcome.owner) == ("quality", "li.na")


def test_english_rules_classify_english_text() -> None:
    policy = load_policy(POLICY)
    spoiled = policy.assess(complaint("The yoghurt was SPOILED when opened."), History())
    assert (spoiled.category, spoiled.priority) == ("product", "urgent")
    rude = policy.assess(complaint("The cashier was rude to me."), History())
    assert (rude.category, rude.team, rude.owner) == ("service", "store", "amy.store")


def test_english_keywords_respect_word_boundaries() -> None:
    outcome = load_policy(POLICY).assess(
        complaint("I love your chocolate cakes, no complaint"), History()
    )
    assert outcome.category == "other"


def test_every_case_gets_a_named_owner_from_the_routing_default() -> None:
    outcome = load_policy(POLICY).assess(complaint("随便说说"), History())
    assert (outcome.category, outcome.team, outcome.owner) == ("other", "desk", "zhang.wei")


def test_history_facts_tag_repeat_complainants() -> None:
    policy = load_policy(POLICY)
    assert "repeat" in policy.assess(complaint("态度差"), History(recent=2)).tags
    assert "repeat" not in policy.assess(complaint("态度差"), History(recent=0)).tags


def test_reasons_name_the_rows_that_decided() -> None:
    outcome = load_policy(POLICY).assess(complaint("牛奶变质"), History())
    assert any(
        "row 'food-safety'" in r and "classification[0].rules[0]" in r for r in outcome.reasons
    )
    assert any("row 'food-safety-to-quality'" in r for r in outcome.reasons)


def test_explain_lists_every_row_with_the_first_failing_condition() -> None:
    explanation = explain_complaint(load_policy(POLICY), complaint("The cashier was rude."))
    first = explanation.to_json()["blocks"][0]
    rows = first["rows"]
    assert [r["id"] for r in rows][:4] == ["food-safety", "product-defect", "billing", "service"]
    assert rows[0]["matched"] is False
    assert "none found" in rows[0]["failed"]
    assert first["selected"] == ["service"]
    assert explanation.outcome["owner"] == "amy.store"
    assert "✗ food-safety" in str(explanation)


def test_desk_records_classification_with_reasons() -> None:
    received = complaint("面包里有异物")
    clock = ManualClock(received.received_at)  # taken in as it arrives: clocks start at receipt
    desk = Desk(load_policy(POLICY), storage="memory:", clock=clock)
    case = desk.intake(received.to_json())
    assert (case.category, case.priority, case.owner) == ("product", "urgent", "li.na")
    classified = next(e for e in desk.history(case.id) if e.kind == "classified")
    assert any("food-safety" in reason for reason in classified.data["reasons"])


def test_policy_keeps_raw_sections_for_other_engines(tmp_path: Path) -> None:
    policy = load_policy(POLICY)
    assert policy.section("catalog").teams["logistics"].label("zh") == "物流"
    assert policy.data["name"] == "demo-supermarket"
    with pytest.raises(LookupError, match="no section 'reports'"):
        policy.section("reports")
