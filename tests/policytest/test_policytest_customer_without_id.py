"""A test's complaint naming the customer's tier or name but not their id
(``customer: {tier: gold}``, how a VIP rule is tested) replaced the customer the runner
fills in, id and all: every such test failed with ``customer.id: is required``, though
the id is documented as filled in. The id is now filled in beside what the test gives,
and earlier complaints are still the same customer's.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policytest.runner import Runner

DOCS_BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


def _run(tmp_path: Path, tests: str) -> list[tuple[bool, str | None]]:
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\n"
        "classification:\n"
        "  hit_policy: collect\n"
        "  rules:\n"
        "    - {id: gold, when: {field: customer.tier, ==: gold}, then: {priority: high}}\n"
        "    - id: again\n"
        "      when: {history: {complaints_in_last_days: 30}, '>=': 1}\n"
        "      then: {tags: [repeat]}\n",
        "utf-8",
    )
    path = tmp_path / "shop.tests.yaml"
    path.write_text(f"tests:\n{tests}", "utf-8")
    return [(r.passed, r.error) for r in Runner().run_file(path)]


def test_a_customer_without_an_id_is_given_one(tmp_path: Path) -> None:
    tests = (
        "  - name: gold customers are answered first\n"
        "    complaint: {text: 收银员态度差, customer: {tier: gold, name: 王芳}}\n"
        "    expect: {priority: high}\n"
    )
    assert _run(tmp_path, tests) == [(True, None)]


def test_earlier_complaints_are_the_same_customers(tmp_path: Path) -> None:
    tests = (
        "  - name: a gold customer complaining again is a repeat\n"
        "    complaint: {text: 收银员态度差, customer: {tier: gold}}\n"
        "    earlier: [{text: 排队太久}]\n"
        "    expect: {priority: high, tags_include: [repeat]}\n"
    )
    assert _run(tmp_path, tests) == [(True, None)]
