"""A remedy the policy gives no label reads in the message's language, not as its kind id.

The shipped supermarket's rows end with a bare ``apology``: a Chinese letter showing
``{case.compensation}`` listed "退还多收款项 20.00 CNY" and then "apology", and one whose
rows give no labels at all read "refund 20.00 CNY" and "statutory_damages 1000.00 CNY".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.compensation.remedies import KINDS
from complaintkit.desk import Desk
from complaintkit.notify.templates import template_fields
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"

COMPLAINT = {
    "channel": "web",
    "external_id": "R-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1", "name": "王芳", "contact": "wf@example.cn"},
    "text": "结账时扣了两次款",
    "amount": {"amount": "20", "currency": "CNY"},
}


@pytest.mark.parametrize(
    ("language", "lines"),
    [("zh", "退还多收款项 20.00 CNY\n致歉"), ("en", "refund of the overcharge 20.00 CNY\napology")],
)
def test_a_bare_apology_reads_in_the_letters_language(language: str, lines: str) -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:")
    case = desk.propose_compensation(desk.intake(COMPLAINT).id, actor="li.na")
    assert template_fields(case, language=language)["case.compensation"] == lines


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["zh", "zh-CN", "en", "fr"])
def test_no_kind_id_reaches_a_letter(kind: str, language: str) -> None:
    case = Desk(storage="memory:").intake(COMPLAINT)
    case.compensation = [{"decision": {"remedies": [{"kind": kind}]}}]
    shown = template_fields(case, language=language)["case.compensation"]
    assert shown
    assert "_" not in shown
    if language.startswith("zh"):
        assert not shown.isascii()
    else:
        assert shown.isascii()
