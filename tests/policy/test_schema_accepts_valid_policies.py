"""The shipped JSON Schema accepts, file by file, every policy that ``validate`` accepts:
editors check one file at a time, so a policy that ``extends:`` another one must pass
without the keys its parent supplies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.schema import shipped_schema

ROOT = Path(__file__).parents[2]
POLICY_FILES = sorted(
    p for p in (ROOT / "policies").rglob("*.yaml") if not p.name.endswith(".tests.yaml")
)
PAGES = sorted((ROOT / "docs").rglob("*.md"))
DOC_PREAMBLE = "complaintkit: 1\nextends: {base}\n"


def doc_policy_examples() -> list[tuple[str, str]]:
    """(name, text) of every policy in the docs, as a user would save it: whole policies,
    and docs/policy/ fragments under the preamble those pages use."""
    found = []
    for page in PAGES:
        blocks = re.findall(r"```yaml\n(.*?)```", page.read_text("utf-8"), flags=re.S)
        for n, block in enumerate(blocks):
            try:
                data = yaml.safe_load(block)
            except yaml.YAMLError:
                continue
            if not isinstance(data, dict) or "tests" in data:
                continue
            text = block
            if page.parent.name == "policy" and "complaintkit" not in data:
                text = DOC_PREAMBLE.format(base=ROOT / "docs" / "policy" / "base.yaml") + block
            elif not {"complaintkit", "extends"} & set(data):
                continue
            found.append((f"{page.relative_to(ROOT)}#{n}", text))
    return found


def schema_errors(text: str) -> list[str]:
    validator = Draft202012Validator(shipped_schema())
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_policy_passes_the_schema(path: Path) -> None:
    load_policy(path)  # validate accepts it
    assert schema_errors(path.read_text("utf-8")) == []


@pytest.mark.parametrize("example", doc_policy_examples(), ids=lambda e: e[0])
def test_every_docs_policy_that_validates_passes_the_schema(
    example: tuple[str, str], tmp_path: Path
) -> None:
    name, text = example
    # saved one folder below a root holding policies/, as docs/history.md's candidates/ is
    (tmp_path / "policies").symlink_to(ROOT / "policies")
    (tmp_path / "candidates").mkdir()
    saved = tmp_path / "candidates" / "example.yaml"
    saved.write_text(text, "utf-8")
    try:
        load_policy(saved)
    except PolicyError:
        pytest.skip(f"{name} does not validate on its own (it extends a file not shown)")
    assert schema_errors(text) == []


def test_an_extending_policy_still_gets_its_own_keys_checked() -> None:
    errors = schema_errors("extends: ./base.yaml\ncompensation: {currency: 12, rules: []}\n")
    assert errors != []


def test_a_policy_without_extends_still_needs_the_format_and_required_keys() -> None:
    assert schema_errors("name: x\n") != []
    assert schema_errors("complaintkit: 1\ncompensation: {rules: []}\n") != []


def test_a_calendar_is_whole_unless_a_parent_supplies_the_rest() -> None:
    """A holiday added to a parent's calendar (a black rainstorm day, docs/sla.md) is all
    an extending policy writes of it; a policy of its own must give the whole calendar."""
    partial = 'calendars:\n  hk: {holidays: ["2023-09-08"]}\n'
    assert schema_errors("extends: ./base.yaml\n" + partial) == []
    assert schema_errors("complaintkit: 1\nname: x\n" + partial) != []
