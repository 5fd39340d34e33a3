"""A status an SOP writes in its done form (已关闭, 已撤回, 已驳回) or as waiting (等待客户,
等待第三方) is told the id to write, in a policy test's ``expect: {status: …}`` and its
``transition:`` step alike: 已关闭 got only the list of statuses, while 关闭 and 已结案 were
told ``closed``."""

from __future__ import annotations

import pytest

from complaintkit.policy.meant_values import meant_id
from complaintkit.policytest.shapes import action_value, expect_value

STATUSES = [
    "received", "acknowledged", "investigating", "waiting_on_customer",
    "waiting_on_third_party", "resolution_proposed", "resolved", "follow_up", "closed",
    "reopened", "rejected", "withdrawn",
]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("已关闭", "closed"),
        ("已撤回", "withdrawn"),
        ("已驳回", "rejected"),
        ("已回访", "follow_up"),
        ("等待客户", "waiting_on_customer"),
        ("等待第三方", "waiting_on_third_party"),
    ],
)
def test_an_sop_status_word_is_told_its_id(word: str, status: str) -> None:
    assert meant_id(word, STATUSES) == status
    [(_, _, expected_hint)] = list(expect_value("status", word))
    assert expected_hint.startswith(f"write status: {status} ")
    [(_, _, step_hint)] = list(action_value("transition", word))
    assert step_hint.startswith(f"write transition: {status} ")


def test_a_word_of_no_status_is_told_none() -> None:
    assert meant_id("已经", STATUSES) is None
