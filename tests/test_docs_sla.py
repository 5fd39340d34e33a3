"""docs/sla.md's examples run: each policy block loads, each policy-test block passes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.runner import Runner

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "sla.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
BASE = """complaintkit: 1
name: base
version: "1"
categories: {product: {label: Product}, fraud: {label: Fraud}}
severities: {normal: {label: Normal}}
priorities: {urgent: {label: Urgent}, normal: {label: Normal}}  # most urgent first
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: product, severity: normal, priority: normal}}
routing: {rules: [], default: {team: care}}
"""


def examples() -> list[tuple[str, str | None]]:
    """Each policy block with the policy-test block that follows it, if any."""
    out: list[tuple[str, str | None]] = []
    for block in BLOCKS:
        if block.startswith("# policy-test"):
            policy, _ = out[-1]
            out[-1] = (policy, block)
        else:
            out.append((block, None))
    return out


@pytest.mark.parametrize(("policy", "tests"), examples())
def test_docs_sla_example(policy: str, tests: str | None, tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    if policy.startswith("extends:"):
        text = policy.replace("../policies/", f"{ROOT / 'policies'}/")
    else:
        text = f"extends: ./base.yaml\nname: example\n{policy}"
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_policy(path)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    assert loaded.sla is not None
    if tests is not None:
        test_file = tmp_path / "example.tests.yaml"
        test_file.write_text(tests, encoding="utf-8")
        results = Runner().run_file(test_file)
        assert results
        failed = [json.dumps(r.to_json(), ensure_ascii=False) for r in results if not r.passed]
        assert failed == []


def test_docs_sla_has_examples_with_tests() -> None:
    assert sum(tests is not None for _, tests in examples()) >= 7
