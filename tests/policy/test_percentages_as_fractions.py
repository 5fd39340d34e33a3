"""Numbers an SOP's percentages were written into on the other scale.

``percent: 0.3`` (30% written as a fraction) paid 0.3 percent, and ``elapsed: 80`` (80%
written as a percentage) escalated at eighty times the target, some 240 business days
for 3个工作日; both loaded without a word. Each is a warning at the number, saying what it
means and what to write for the other reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _warnings(tmp_path: Path, text: str) -> list[tuple[str, str, str, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{text}", "utf-8")
    return [
        (p.code, p.location.path, p.message, p.hint)
        for p in check_policy(path)
        if p.code in ("percent-fraction", "elapsed-percentage")
    ]


@pytest.mark.parametrize(
    ("remedy", "path"),
    [
        ("{kind: voucher, amount: {percent: 0.3, of: paid}}", "amount.percent"),
        ("{kind: refund, percent: 0.5}", "percent"),
    ],
)
def test_a_percent_below_one_is_a_warning(tmp_path: Path, remedy: str, path: str) -> None:
    text = (
        "compensation:\n  currency: CNY\n  rules:\n    - id: a\n"
        f"      when: {{field: days_late, '>': 0}}\n      remedies: [{remedy}]\n"
        "  default: {remedies: [apology]}\n"
    )
    ((code, where, message, hint),) = _warnings(tmp_path, text)
    assert (code, where) == ("percent-fraction", f"compensation.rules[0].remedies[0].{path}")
    assert "is a percent" in message
    assert "percent: 30 for 30%" in hint


@pytest.mark.parametrize("elapsed", [80, 50, 100])
def test_an_elapsed_written_as_a_percentage_is_a_warning(tmp_path: Path, elapsed: int) -> None:
    text = (
        "calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}}\n"
        "sla:\n  calendar: office\n  targets:\n    - resolution: 3个工作日\n"
        "escalation:\n  ladders:\n    - name: s\n      levels:\n        - name: l\n"
        f"          trigger: {{sla: resolution, elapsed: {elapsed}}}\n"
        "          actions: [{add_tags: [x]}]\n"
    )
    ((code, where, message, hint),) = _warnings(tmp_path, text)
    assert (code, where) == (
        "elapsed-percentage",
        "escalation.ladders[0].levels[0].trigger.elapsed",
    )
    assert f"{elapsed} times the target" in message
    assert f"write elapsed: {elapsed / 100:g} for {elapsed}%" in hint


def test_a_percent_and_an_elapsed_on_their_own_scales_pass(tmp_path: Path) -> None:
    text = (
        "calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}}\n"
        "sla:\n  calendar: office\n  targets:\n    - resolution: 3个工作日\n"
        "escalation:\n  ladders:\n    - name: s\n      levels:\n        - name: l\n"
        "          trigger: {sla: resolution, elapsed: 1.5}\n"
        "          actions: [{add_tags: [x]}]\n"
        "compensation:\n  currency: CNY\n  rules:\n    - id: a\n"
        "      when: {field: days_late, '>': 0}\n"
        "      remedies: [{kind: voucher, amount: {percent: 30, of: paid}}]\n"
        "  default: {remedies: [apology]}\n"
    )
    assert _warnings(tmp_path, text) == []
