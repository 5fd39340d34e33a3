# ruff: noqa: RUF001 -- a full-width percent sign is one of the slips tested
"""Values a Chinese author writes as the SOP says them, found by an independent check of
policy authoring: each is an error at it that says what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, text: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("complaintkit: 1\nextends: ./base.yaml\n" + text, "utf-8")
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


_LADDER = (
    "sla: {targets: [{resolution: 24h}]}\n"
    "escalation:\n  ladders:\n    - name: l\n      levels:\n        - name: late\n"
    "          trigger: {sla: resolution, elapsed: %s}\n"
    "          actions: [{add_tags: [late]}]\n"
)


@pytest.mark.parametrize(
    ("written", "fraction"), [("100%", "1.0"), ("80%", "0.8"), ("75％", "0.75")]
)
def test_an_elapsed_share_written_as_a_percentage_says_the_fraction(
    tmp_path: Path, written: str, fraction: str
) -> None:
    ((line, path, message, hint),) = _errors(tmp_path, _LADDER % written)
    assert (line, path) == (9, "escalation.ladders[0].levels[0].trigger.elapsed")
    assert written in message
    assert f"elapsed: {fraction}" in hint


def test_a_warning_written_as_a_percentage_says_the_fraction(tmp_path: Path) -> None:
    ((line, path, _message, hint),) = _errors(
        tmp_path, "sla:\n  warnings: [80%]\n  targets: [{resolution: 24h}]\n"
    )
    assert (line, path) == (4, "sla.warnings[0]")
    assert "0.8" in hint


def test_a_language_that_is_no_code_is_refused(tmp_path: Path) -> None:
    """``default_language: 中文`` was read as no language at all: a message fell back to the
    first template written, whatever the author meant."""
    ((line, path, message, _hint),) = _errors(
        tmp_path, "notifications:\n  default_language: 中文\n  notifiers: {log: {type: log}}\n"
    )
    assert (line, path) == (4, "notifications.default_language")
    assert "中文" in message
    assert "language code" in message


@pytest.mark.parametrize("written", ["RMB", "人民币", "rmb"])
def test_the_yuan_written_as_people_say_it_names_cny(tmp_path: Path, written: str) -> None:
    ((_line, path, _message, hint),) = _errors(
        tmp_path,
        f"compensation: {{currency: {written}, rules: [], default: {{remedies: [apology]}}}}\n",
    )
    assert path == "compensation.currency"
    assert "CNY" in hint
    assert "did you mean" in hint
