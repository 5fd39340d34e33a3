"""docs/delivery.md runs: its policy is valid and its Python examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from complaintkit.policy.compiled import load_policy

PAGE = (Path(__file__).parents[2] / "docs" / "delivery.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, flags=re.S)


def test_the_policy_is_valid(tmp_path: Path) -> None:
    (policy,) = blocks("yaml")
    path = tmp_path / "policy.yaml"
    path.write_text(policy, encoding="utf-8")
    loaded = load_policy(path)
    assert loaded.notifications is not None
    assert loaded.notifications.publish == ("ops",)


def test_the_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (policy,) = blocks("yaml")
    (tmp_path / "policy.yaml").write_text(
        policy.replace("https://ops.example.com", "http://127.0.0.1:9"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    printed: list[tuple[object, ...]] = []
    namespace: dict[str, object] = {"print": lambda *args: printed.append(args)}
    for block in blocks("python"):
        # runs our own documentation; never policy or complaint content
        exec(compile(block, "docs/delivery.md", "exec"), namespace)
    assert printed[0] == (1, 3)  # delivered by log; the three events wait for ops
    assert [args[2] for args in printed[1:]] == ["opened", "classified", "assigned"]
