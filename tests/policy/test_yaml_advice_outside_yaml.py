"""A JSON or TOML policy holds what its author typed: no YAML reader turned ``NO`` into
false or digits into a number there, and its lists are written with quotes. So the
problems of such a policy do not explain YAML's reading, nor show a fix in YAML's
syntax (``contains: "123"``, ``li.na, qa.zhou``): they say what was written and show the
quoted items to write in the file's own syntax."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE.read_text("utf-8"))
    rows = [
        ("a", {"field": "complaint.text", "contains": 123}),
        ("b", {"field": "customer.region", "in": ["CN", False]}),
        ("c", {"keywords": ["变质\uff0c发霉"]}),
        ("d", {"field": "customer.tier", "in": ["金卡\uff0c银卡"]}),
    ]
    data["classification"]["rules"] = [
        {"id": row, "when": when, "then": {"category": "product"}} for row, when in rows
    ]
    data["teams"]["quality"]["members"] = ["li.na\uff0cqa.zhou"]
    return data


def _inline(value: object) -> str:
    """``value`` as a TOML inline value."""
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{k}" = {_inline(v)}' for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _write(tmp_path: Path, suffix: str) -> Path:
    data = _policy()
    path = tmp_path / f"p{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        return path
    lines = [f"{key} = {_inline(data.pop(key))}" for key in ("complaintkit", "name", "version")]
    for section, body in data.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {_inline(value)}" for key, value in body.items()]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(params=[".json", ".toml"])
def problems(request: pytest.FixtureRequest, tmp_path: Path) -> list[Problem]:
    return check_policy(_write(tmp_path, request.param))


def test_each_mistake_is_found(problems: list[Problem]) -> None:
    assert {p.location.path for p in problems} >= {
        "classification.rules[0].when.contains",
        "classification.rules[1].when.in",
        "classification.rules[2].when.keywords[0]",
        "classification.rules[3].when.in[0]",
        "teams.quality.members[0]",
    }


def test_no_problem_explains_a_yaml_reading(problems: list[Problem]) -> None:
    assert [p for p in problems if "YAML" in p.message + p.hint] == []


def test_the_items_to_write_are_quoted(problems: list[Problem]) -> None:
    told = {p.location.path: p.hint for p in problems}
    assert '"li.na", "qa.zhou"' in told["teams.quality.members[0]"]
    assert '"变质", "发霉"' in told["classification.rules[2].when.keywords[0]"]
    assert '"金卡", "银卡"' in told["classification.rules[3].when.in[0]"]
    assert '"123"' in told["classification.rules[0].when.contains"]
    assert '"NO"' in told["classification.rules[1].when.in"]


def test_a_yaml_policy_is_still_told_how_yaml_read_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(_policy(), allow_unicode=True), "utf-8")
    told = {p.location.path: p.message + p.hint for p in check_policy(path)}
    assert "YAML" in told["classification.rules[0].when.contains"]
    assert "YAML" in told["teams.quality.members[0]"]


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_true_where_text_or_a_mapping_goes_is_told_to_quote_it(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / f"p{suffix}"
    if suffix == ".json":
        text = '{"complaintkit": 1, "extends": "./base.yaml", "teams": {"desk": {"label": true}}}'
    else:
        text = 'complaintkit = 1\nextends = "./base.yaml"\n[teams.desk]\nlabel = true\n'
    path.write_text(text, "utf-8")
    (found,) = check_policy(path)
    assert found.location.path == "teams.desk.label"
    assert "YAML" not in found.message + found.hint
    assert '"true"' in found.hint
