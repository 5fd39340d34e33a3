"""A cap on vouchers beside a voucher row whose amount was refused (``amount: -10``) was
also warned of as counting 'voucher, credit, cash, which no row gives': the row does give
vouchers, and only its amount is wrong. The warning now reads the kinds the rows write."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _codes(tmp_path: Path, amount: str, kind: str = "voucher") -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "compensation:\n  currency: CNY\n  rules:\n    - id: late\n"
        '      when: {field: days_late, ">": 0}\n'
        f"      remedies: [{{kind: {kind}, amount: {amount}}}]\n"
        "  default: {remedies: [apology]}\n  caps: [{limit: 2000, days: 90}]\n",
        "utf-8",
    )
    return [p.code for p in check_policy(path)]


def test_a_refused_amount_leaves_the_cap_unwarned(tmp_path: Path) -> None:
    assert "cap-unused" not in _codes(tmp_path, "-10")


def test_a_cap_no_written_row_feeds_is_still_warned_of(tmp_path: Path) -> None:
    assert "cap-unused" in _codes(tmp_path, "10", kind="statutory_damages")
