"""Classification and routing decisions (``policy.assess``): each combination of deciding rows
is worked out once, and every complaint still gets exactly what its rows say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.demo.script import demo_policy_path
from complaintkit.model.complaint import Complaint
from complaintkit.policy import assess
from complaintkit.policy.compiled import load_policy

POLICY = load_policy(demo_policy_path())
#: A second loading of the same policy, only ever asked with no decision kept (below):
#: loaded once, not once an example, as what it keeps is checked to stay empty each time.
UNKEPT = load_policy(demo_policy_path())
WORDS = [
    "变质",
    "破损",
    "重复收费",
    "态度",
    "价格",
    "快递",
    "孩子",
    "spoiled",
    "rude",
    "kid",
    "随便",
]


class History:
    def __init__(self, recent: int) -> None:
        self.recent = recent

    def complaints_in_last_days(self, days: int) -> int:
        return self.recent

    def open_cases(self) -> int:
        return 0


def complaint(text: str, tier: str | None, channel: str = "web") -> Complaint:
    customer = {"id": "C1", **({"tier": tier} if tier else {})}
    return Complaint.from_json(
        {
            "channel": channel,
            "external_id": "T-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": customer,
            "text": text,
        }
    )


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    st.sampled_from([None, "gold", "standard"]),
    st.sampled_from(["web", "logistics"]),
    st.integers(0, 2),
)
def test_a_decision_kept_is_the_one_worked_out_afresh(
    text: str, tier: str | None, channel: str, recent: int
) -> None:
    kept = POLICY.assess(complaint(text, tier, channel), History(recent))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assess, "DECISIONS_KEPT", 0)
        worked_out = UNKEPT.assess(complaint(text, tier, channel), History(recent))
    assert kept == worked_out
    assert not UNKEPT.assessor._decided  # nothing kept past the limit, in any example


def test_the_same_rows_give_the_same_reasons_for_different_words() -> None:
    milk = POLICY.assess(complaint("牛奶变质", None), History(0))
    bread = POLICY.assess(complaint("面包发霉", None), History(0))
    assert milk == bread
    assert milk.reasons[0].startswith("classification[0]: row 'food-safety'")
