"""A remedy kind written in Chinese (道歉 for apology) is answered with the kind to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.notify.templates import REMEDY_WORDS
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.meant_values import REMEDY_KINDS_IN_CHINESE

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "kind", "path"),
    [
        ("道歉", "apology", "remedies[0]"),
        ("致歉", "apology", "remedies[0]"),
        ("{kind: 退款, full: true}", "refund", "remedies[0].kind"),
        ("{kind: 代金券, amount: 10}", "voucher", "remedies[0].kind"),
        ("{kind: 维修}", "repair", "remedies[0].kind"),
    ],
)
def test_the_kind_to_write_is_named(tmp_path: Path, written: str, kind: str, path: str) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules: []\n"
        f"  default:\n    remedies:\n      - {written}\n",
        "utf-8",
    )
    [problem] = [p for p in check_policy(policy) if p.severity == "error"]
    assert problem.location.path == f"compensation.default.{path}"
    assert problem.location.line == 8
    assert f"write {kind}" in problem.hint, problem.hint


def test_every_word_a_letter_uses_for_a_kind_is_read_back_as_that_kind() -> None:
    for kind, word in REMEDY_WORDS["zh"].items():
        assert REMEDY_KINDS_IN_CHINESE[word] == kind
