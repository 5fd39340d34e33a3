"""The statutory packs pay what the law owes as refunds and statutory_damages, never as a
goodwill kind: a per-customer cap a policy extending a pack adds counts vouchers, credit
and cash by default, and must not silently cut money the law owes."""

from __future__ import annotations

import pytest
from compensation_helpers import STATUTORY, statutory

from complaintkit.compensation.caps import DEFAULT_KINDS

PACKS = sorted(p.name for p in STATUTORY.glob("*.yaml") if not p.name.endswith(".tests.yaml"))


@pytest.mark.parametrize("name", PACKS)
def test_no_statutory_row_pays_a_kind_a_default_cap_counts(name: str) -> None:
    policy = statutory(name)
    rows = [*policy.remedies.values(), policy.default or ()]
    goodwill = [r.path for remedies in rows for r in remedies if r.kind in DEFAULT_KINDS]
    assert goodwill == []


def test_every_statutory_pack_is_checked() -> None:
    assert PACKS == [
        "cn-consumer-protection-art55.yaml",
        "cn-food-safety-art148.yaml",
        "eu-261-2004-art7.yaml",
    ]
