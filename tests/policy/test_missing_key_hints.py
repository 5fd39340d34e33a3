"""A missing key is told what to write there and what it is for, not only "add the missing
key": an author who left out ``rules:`` under ``routing`` or ``via:`` in a notification rule
learns the form the key takes (``rules: []``, ``via: log``) and why the policy needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.required_keys import PURPOSES
from complaintkit.policy.schema import build_schema

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

#: policy text below ``extends: ./base.yaml`` → (path reported, the key missing there)
CASES = {
    "complaintkit: 1\ncategories: {product: {label: Product}}\nrouting: {default: {team: desk}}\n": (
        "routing",
        "rules",
    ),
    "classification:\n  rules:\n    - {id: x, when: {keywords: [坏]}}\n": (
        "classification.rules[1]",
        "then",
    ),
    "classification:\n  rules:\n    - {when: {keywords: [坏]}, then: {category: product}}\n": (
        "classification.rules[0]",
        "id",
    ),
    "templates:\n  ack: {zh: {subject: 您好}}\n": ("templates.ack.zh", "body"),
    "templates:\n  ack: {zh: {subject: 您好, body: 收到}}\n"
    "notifications:\n  notifiers: {log: {type: log}}\n"
    "  rules: [{'on': opened, notify: [customer], template: ack}]\n": (
        "notifications.rules[0]",
        "via",
    ),
    "notifications:\n  notifiers: {log: {options: {}}}\n": ("notifications.notifiers.log", "type"),
    "calendars:\n  office: {hours: {mon-fri: ['09:00-18:00']}}\n": ("calendars.office", "timezone"),
    "escalation:\n  ladders:\n    - name: std\n      levels:\n"
    "        - {name: lead, trigger: {sla: resolution, elapsed: 0.8}}\n": (
        "escalation.ladders[0].levels[0]",
        "actions",
    ),
    "compensation:\n  currency: CNY\n  rules:\n    - {id: a, when: {keywords: [坏]}}\n": (
        "compensation.rules[0]",
        "remedies",
    ),
}


@pytest.mark.parametrize("text", CASES)
def test_a_missing_key_is_told_its_form_and_purpose(tmp_path: Path, text: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    head = "" if text.startswith("complaintkit:") else "complaintkit: 1\nextends: ./base.yaml\n"
    path.write_text(head + text, "utf-8")
    where, key = CASES[text]
    (found,) = [p for p in check_policy(path) if p.location.path == where and key in p.message]
    assert found.location.path == where
    assert f"add {key}: " in found.hint
    assert " — " in found.hint  # and what the key is for


def _required(node: Any) -> set[str]:
    """Every key the schema requires somewhere."""
    if isinstance(node, dict):
        keys = set(node["required"]) if isinstance(node.get("required"), list) else set()
        return keys.union(*(_required(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_required(value) for value in node))
    return set()


def test_every_key_the_schema_requires_has_a_purpose() -> None:
    assert _required(build_schema()) - {key for _, key in PURPOSES} == set()
