"""A rule table's warning (a row's ``priority`` that its hit policy does not read) is named
in the same ``validate`` run as an error in another row of the table, in routing as in
compensation, not only once that error is fixed."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""\
complaintkit: 1
extends: {BASE}
routing:
  rules:
    - id: quality
      when: {{field: case.category, ==: product}}
      then: {{team: quality}}
      priority: 5
    - id: misspelt
      when: {{field: case.categry, ==: product}}
      then: {{team: quality}}
  default: {{team: desk}}
compensation:
  currency: CNY
  rules:
    - id: ordered
      when: {{field: fault, ==: true}}
      priority: 3
      remedies: [{{kind: cash, amount: 5}}]
    - id: negative
      when: {{field: late, ==: true}}
      remedies: [{{kind: cash, amount: -5}}]
  default: {{remedies: [apology]}}
"""


def test_each_tables_warning_is_named_beside_its_error(tmp_path: Path) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(POLICY, "utf-8")
    found = {(p.severity, p.location.path) for p in check_policy(policy)}
    assert found == {
        ("error", "routing.rules[1].when.field"),
        ("warning", "routing.rules[0].priority"),
        ("error", "compensation.rules[1].remedies[0].amount"),
        ("warning", "compensation.rules[0].priority"),
    }
