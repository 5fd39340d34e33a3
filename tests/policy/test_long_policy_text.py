"""One text in a policy has a length limit: a keyword or template of megabytes is no SOP's,
and every complaint would be matched against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.source import MAX_TEXT_CHARS

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy(keyword: str, key: str = "desk") -> dict[str, object]:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["classification"]["rules"][0]["when"] = {"keywords": ["变质", keyword]}
    data["teams"][key] = data["teams"].pop("desk")
    data["routing"]["default"] = {"team": key}
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_text_over_the_limit_is_a_located_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"policy{suffix}"
    data = _policy("x" * (MAX_TEXT_CHARS + 1))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    [problem] = info.value.problems
    assert problem.location.path == "classification.rules[0].when.keywords[1]"
    assert (problem.location.line or 0) > 1
    assert f"{MAX_TEXT_CHARS:,}" in problem.message
    assert len(problem.message) < 200


def test_a_key_over_the_limit_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    long_key = "d" * (MAX_TEXT_CHARS + 1)
    path.write_text(yaml.safe_dump(_policy("spoiled", long_key), width=10**9))
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert any(p.location.path.startswith("teams.ddd") for p in info.value.problems)
    assert any(f"{MAX_TEXT_CHARS:,}" in p.message for p in info.value.problems)


def test_a_text_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(_policy("x" * MAX_TEXT_CHARS), allow_unicode=True))
    assert not load_policy(path).problems
