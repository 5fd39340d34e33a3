"""A number the schema wants typed in full-width digits (``days: 90`` in U+FF10 to U+FF19).

The hint was the one for ``1e3`` (text to YAML 1.1 for want of a point): "write it out
(90), or with a point and a sign: 1.0e+3", which has nothing to do with the digits typed.
It now says to write the number in ASCII digits.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_full_width_digits_where_the_schema_wants_a_number(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules:\n"
        "    - id: r\n      when: {field: case.category, ==: product}\n"
        "      remedies: [{kind: voucher, amount: 50}]\n  default: {remedies: [apology]}\n"
        "  caps: [{limit: 500, days: \uff19\uff10}]\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.severity == "error"]
    assert found.location.path == "compensation.caps[0].days"
    assert found.hint.startswith("write 90 in ASCII digits")
    assert "1.0e+3" not in found.hint
