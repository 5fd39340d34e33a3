"""The shipped policy schema is current and validates the demo policy."""

from __future__ import annotations

import jsonschema

from complaintkit.demo.script import demo_policy_path
from complaintkit.policy.document import load_document
from complaintkit.policy.schema import REGENERATE, build_schema, schema_problems, shipped_schema


def test_shipped_schema_is_current() -> None:
    assert shipped_schema() == build_schema(), (
        f"src/complaintkit/policy/policy.schema.json is stale; regenerate it with: {REGENERATE}"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(build_schema())


def test_demo_policy_passes_the_schema() -> None:
    document = load_document(demo_policy_path())
    assert schema_problems(document.data, document.locate) == []
