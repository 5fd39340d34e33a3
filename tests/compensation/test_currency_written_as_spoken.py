"""A compensation section whose currency is written as people say it (``RMB``, ``人民币``)
still has its amounts checked in the same ``validate`` run: they were reported only on the
run after the currency was fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

_POLICY = """complaintkit: 1
categories: {product: {label: P}}
severities: {minor: {label: M}}
priorities: {normal: {label: N}}
teams: {care: {label: C, default_owner: wang.fang}}
classification: {rules: [], default: {category: product, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
compensation:
  currency: CURRENCY
  rules:
    - id: broken
      remedies:
        - {kind: voucher, amount: 20元}
"""


def _problems(tmp_path: Path, currency: str) -> list[str]:
    path = tmp_path / "policy.yaml"
    path.write_text(_POLICY.replace("CURRENCY", currency), encoding="utf-8")
    return [p.location.path or "" for p in check_policy(path) if p.severity == "error"]


@pytest.mark.parametrize("currency", ["RMB", "人民币", "cny"])
def test_an_amount_is_checked_beside_a_currency_people_say(tmp_path: Path, currency: str) -> None:
    found = _problems(tmp_path, currency)
    assert "compensation.currency" in found
    assert "compensation.rules[0].remedies[0].amount" in found


def test_a_currency_meaning_nothing_reports_itself(tmp_path: Path) -> None:
    assert _problems(tmp_path, "XYZ") == ["compensation.currency"]
