"""The broken-policy corpus: each file fails with its expected message and location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PolicyError
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

CORPUS = Path(__file__).with_name("broken")
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)


def test_corpus_is_large_and_fully_described() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.json"}
    assert len(files) >= 25
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_policy_fails_with_location(name: str) -> None:
    expected = EXPECTED[name]
    with pytest.raises(PolicyError) as info:
        load_policy(CORPUS / name)
    first = info.value.problems[0]
    assert str(expected["contains"]) in first.message
    assert first.location.file.endswith(name)
    assert (first.location.line, first.location.column) == (expected["line"], expected["column"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_prints_broken_policy_without_traceback(name: str) -> None:
    expected = EXPECTED[name]
    result = CliRunner().invoke(CLI, ["validate", str(CORPUS / name)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{name}:{expected['line']}:{expected['column']}" in result.output
    assert str(expected["contains"]) in result.output
