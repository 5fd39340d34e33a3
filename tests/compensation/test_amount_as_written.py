"""An amount written as an SOP says it — ``50元``, ``￥50``, ``50 CNY``, ``五十元``, ``30%``
— is answered with the value to write, not 'write a plain amount such as 250 or 12.50';
a cap's ``days: 一个月`` says how many days to write, since a month is no fixed number of
days.

Found by an SOP author writing from 赔偿标准: every one of these got the same generic hint.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.factor_hints import amount_hint
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.number_hints import number_hint

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _hints(tmp_path: Path, remedy: str, tail: str = "") -> dict[str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules:\n"
        "    - id: a\n      when: {field: case.category, ==: product}\n"
        f"      remedies:\n        - {remedy}\n  default: {{remedies: [apology]}}\n{tail}",
        "utf-8",
    )
    return {p.location.path: p.hint for p in check_policy(path) if p.severity == "error"}


@pytest.mark.parametrize(
    "written", ["50元", "￥50", "¥50", "50 CNY", "RMB 50", "人民币50元", "五十元", "50块"]
)
def test_yuan_written_with_the_number_says_the_number(tmp_path: Path, written: str) -> None:
    hints = _hints(tmp_path, f"{{kind: voucher, amount: {written}}}")
    assert hints == {
        "compensation.rules[0].remedies[0].amount": (
            "write amount: 50, the number alone: amounts are in the section's currency "
            "(currency: CNY)"
        )
    }


def test_another_currency_says_the_section_pays_in_its_own(tmp_path: Path) -> None:
    hints = _hints(tmp_path, "{kind: voucher, amount: 50 USD}")
    hint = hints["compensation.rules[0].remedies[0].amount"]
    assert "USD" in hint
    assert "currency: CNY" in hint
    assert "write amount: 50," not in hint


def test_a_percent_as_an_amount_says_the_formula(tmp_path: Path) -> None:
    hints = _hints(tmp_path, "{kind: cash, amount: 30%}")
    assert hints["compensation.rules[0].remedies[0].amount"].startswith(
        "a share is a formula: write amount: {percent: 30, of: paid}"
    )


def test_bounds_approvals_and_caps_say_the_number(tmp_path: Path) -> None:
    tail = "  approvals: [{above: 500元, role: boss}]\n  caps: [{limit: 2000元, days: 30}]\n"
    hints = _hints(tmp_path, "{kind: voucher, amount: {fixed: 50, floor: 20元}}", tail)
    assert hints["compensation.rules[0].remedies[0].amount.floor"].startswith("write floor: 20,")
    assert hints["compensation.approvals[0].above"].startswith("write above: 500,")
    assert hints["compensation.caps[0].limit"].startswith("write limit: 2000,")


@pytest.mark.parametrize(
    ("written", "days"),
    [("一个月", "days: 30"), ("3个月", "days: 90"), ("1 month", "days: 30"), ("一年", "days: 365")],
)
def test_a_month_is_no_fixed_number_of_days(tmp_path: Path, written: str, days: str) -> None:
    tail = f"  caps: [{{limit: 2000, days: {written}}}]\n"
    hint = _hints(tmp_path, "apology", tail)["compensation.caps[0].days"]
    assert f"write {days}" in hint
    assert "not a fixed number of days" in hint


@pytest.mark.parametrize(
    ("written", "days"), [("两周", 14), ("1 week", 7), ("3个星期", 21), ("15天", 15)]
)
def test_weeks_are_days(written: str, days: int) -> None:
    assert number_hint("days", written) == f"write days: {days}, a bare number of days"


def test_months_are_not_read_as_hours() -> None:
    assert "30" not in number_hint("window_hours", "一个月")


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["元", " CNY", "块"]))
def test_any_yuan_amount_is_answered_with_its_number(number: int, unit: str) -> None:
    assert amount_hint(f"{number}{unit}", "CNY", "amount").startswith(f"write amount: {number},")
