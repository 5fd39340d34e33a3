"""Real 外卖 reviews (../shared/data/zh/waimai_10k.csv, read in place; skipped without it)
through the shipped Chinese policies: typing a review's letters and digits in an input
method's full-width mode, or its full-width ones in half-width, never changes how it is
classified or routed, and no review fails to be assessed."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.model import Complaint, Customer
from complaintkit.policy.compiled import Policy, load_policy

ROOT = Path(__file__).resolve().parents[2]
WAIMAI = Path("/work/shared/data/zh/waimai_10k.csv")
if not WAIMAI.exists():
    WAIMAI = ROOT.parent / "shared" / "data" / "zh" / "waimai_10k.csv"
#: Reviews with a letter or digit in either width: where word boundaries and widths matter.
_ALNUM = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

pytestmark = pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")


def wide(text: str) -> str:
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


def narrow(text: str) -> str:
    return "".join(
        " " if c == "\u3000" else chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c
        for c in text
    )


def assessed(policy: Policy, text: str) -> tuple[object, ...]:
    complaint = Complaint(
        channel="app",
        external_id="w",
        received_at=datetime(2026, 3, 2, 3, tzinfo=UTC),
        customer=Customer(id="c-1"),
        text=text,
    )
    a = policy.assess(complaint, None)  # type: ignore[arg-type]
    return (a.category, a.severity, a.priority, a.tags, a.team, a.owner)


@pytest.mark.parametrize(
    "name", ["ecommerce/online-shop.yaml", "retail/supermarket.yaml"], ids=lambda n: n
)
def test_width_never_changes_how_a_real_review_is_classified(name: str) -> None:
    policy = load_policy(ROOT / "policies" / name)
    with WAIMAI.open(encoding="utf-8", newline="") as handle:
        reviews = [row["review"] for row in csv.DictReader(handle)]
    checked = [text for text in reviews if _ALNUM.search(text)]
    assert len(checked) > 100
    differ = [
        text
        for text in checked
        if assessed(policy, wide(text)) != assessed(policy, text)
        or assessed(policy, narrow(text)) != assessed(policy, text)
    ]
    assert differ == []
