"""The shipped policy schema is current and validates the demo policy."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from complaintkit.demo.script import demo_policy_path
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.document import load_document
from complaintkit.policy.schema import REGENERATE, build_schema, schema_problems, shipped_schema

DOCS_BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


def test_shipped_schema_is_current() -> None:
    assert shipped_schema() == build_schema(), (
        f"src/complaintkit/policy/policy.schema.json is stale; regenerate it with: {REGENERATE}"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(build_schema())


def test_demo_policy_passes_the_schema() -> None:
    document = load_document(demo_policy_path())
    assert schema_problems(document.data, document.locate) == []


def _currency_problems(tmp_path: Path, section: str, amount: str) -> list[str]:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\ncompensation:\n  currency: {section}\n"
        "  rules: [{id: a, remedies: [{kind: refund, amount: {amount: 5, currency: "
        f"{amount}}}}}]}}]\n",
        "utf-8",
    )
    return [f"{p.location.path}: {p.message} / {p.hint}" for p in check_policy(policy)]


@pytest.mark.parametrize(
    ("section", "amount", "path"),
    [
        ("cny", "CNY", "compensation.currency"),
        ("CNY", "cny", "compensation.rules[0].remedies[0].amount.currency"),
    ],
)
def test_a_currency_not_in_iso_4217_is_named_with_the_code_meant(
    tmp_path: Path, section: str, amount: str, path: str
) -> None:
    # the schema's enum error listed all 180 codes; the fixed amount said "amount in cny
    # but the compensation policy's currency is CNY … move it to a policy in cny"
    (problem,) = _currency_problems(tmp_path, section, amount)
    assert problem.startswith(f"{path}: 'cny' is not an ISO 4217 currency code")
    assert "did you mean CNY?" in problem
    assert "AED" not in problem


def test_a_label_with_a_key_that_is_no_language_names_the_key(tmp_path: Path) -> None:
    # it said "{'cn': '产品', 'english': 'X'} is not valid under any of the given schemas"
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\ncategories:\n"
        "  a4: {label: {zh: 货品, english: X}}\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert problem.location.path == "categories.a4.label.english"
    assert problem.location.line == 4
    assert problem.message == "'english' is not a language code"
    assert "zh" in problem.hint


def test_a_number_yaml_reads_as_text_says_so(tmp_path: Path) -> None:
    # "'1e9' is not of type 'number'" of what the author wrote as a number
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\nincidents:\n"
        "  batches: [{key: product, min_cases: 3, window_hours: 1e3}]\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert problem.location.path == "incidents.batches[0].window_hours"
    assert problem.message == "YAML reads 1e3 as text, not as a number"
    assert "1000" in problem.hint


def test_a_huge_number_yaml_reads_as_text_is_not_written_out(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\nincidents:\n"
        "  batches: [{key: product, min_cases: 3, window_hours: 1e999999999}]\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert len(problem.message) + len(problem.hint) < 300


def test_a_version_yaml_reads_as_a_number_says_to_quote_it(tmp_path: Path) -> None:
    # "2026.1 is not of type 'string', 'integer'" of what the author wrote as 2026.10
    policy = tmp_path / "p.yaml"
    policy.write_text(f"complaintkit: 1\nextends: {DOCS_BASE}\nversion: 2026.10\n", "utf-8")
    (problem,) = check_policy(policy)
    assert problem.message == "YAML reads this as the number 2026.1, not as text"
    assert "quote" in problem.hint


@pytest.mark.parametrize("value", ["0", "-5", "[24h]", "true"])
def test_a_value_of_no_accepted_type_says_what_is_accepted(tmp_path: Path, value: str) -> None:
    # "0 is not valid under any of the given schemas", hint: see docs/policies.md
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {DOCS_BASE}\nsla:\n  targets:\n    - resolution: {value}\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert problem.location.path == "sla.targets[0].resolution"
    assert problem.message.startswith("expected text or a mapping (got ")
    assert "24h" in problem.hint
