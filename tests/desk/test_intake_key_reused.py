"""The Desk itself refuses a complaint re-sent under a known key with a field changed.

A channel, the HTTP server and ``dead-letters retry`` each refused such a complaint, but a
program embedding the Desk got the stored case back from ``Desk.intake`` (and an "already
known" ``Taken`` from ``Desk.intake_many``): the corrected amount or the new complaint was
dropped without a word. Both now refuse it with ``KeyReused`` naming the fields, and a true
retry still returns the case it opened.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedded_backends
from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.errors import KeyReused
from complaintkit.storage.base import Storage

FIRST: dict[str, Any] = {
    "channel": "app",
    "external_id": "A-17",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "C1", "name": "王芳"},
    "text": "退款还没到账",
    "amount": {"amount": "120.00", "currency": "CNY"},
}
CHANGES: dict[str, dict[str, Any]] = {
    "text": {"text": "骑手把汤洒了"},
    "amount": {"amount": {"amount": "210.00", "currency": "CNY"}},
    "customer.name": {"customer": {"id": "C1", "name": "王丽"}},
}


storage = embedded_backends.storage


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_intake_refuses_a_changed_field_under_a_known_key(storage: Storage, field: str) -> None:
    desk = Desk(storage=storage)
    case = desk.intake(FIRST)
    with pytest.raises(KeyReused) as refused:
        desk.intake({**FIRST, **CHANGES[field]})
    assert refused.value.fields == (field,)
    assert "'A-17' on channel 'app'" in str(refused.value)
    assert list(storage.case_ids()) == [case.id]
    assert storage.get(case.id).complaint == case.complaint  # the stored case unchanged


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_intake_many_refuses_a_changed_field_held_or_earlier_in_the_batch(
    storage: Storage, field: str
) -> None:
    desk = Desk(storage=storage)
    changed = {**FIRST, **CHANGES[field]}
    first, repeated = desk.intake_many([FIRST, changed])
    assert isinstance(first, Taken)
    assert first.created
    assert isinstance(repeated, KeyReused)
    assert repeated.fields == (field,)
    [held] = desk.intake_many([changed])
    assert isinstance(held, KeyReused)
    assert held.fields == (field,)
    assert list(storage.case_ids()) == [first.case.id]


def test_a_retry_still_returns_the_case_it_opened(storage: Storage) -> None:
    desk = Desk(storage=storage)
    case = desk.intake(FIRST)
    # a retry: the same fields, the text's line ends and end spaces as another system wrote them
    again = desk.intake(
        {**FIRST, "text": " 退款还没到账\r\n", "received_at": "2026-11-23T09:05:00+08:00"}
    )
    assert again.id == case.id
    [taken] = desk.intake_many([FIRST])
    assert isinstance(taken, Taken)
    assert (taken.case.id, taken.created) == (case.id, False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and "\x00" not in t))
def test_any_other_text_under_the_key_is_refused_never_dropped(text: str) -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(FIRST)
    resent = {**FIRST, "text": text}
    if text.strip().replace("\r\n", "\n") == FIRST["text"]:  # the very text stored: a retry
        assert desk.intake(resent).id == case.id
    else:
        with pytest.raises(KeyReused) as refused:
            desk.intake(resent)
        assert refused.value.fields == ("text",)


def test_the_docs_example_prints_what_the_page_says(capsys: pytest.CaptureFixture[str]) -> None:
    page = (Path(__file__).parents[2] / "docs/intake.md").read_text("utf-8")
    section = page.split("## Idempotency keys belong to their source", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    exec(compile(code, "docs/intake.md (idempotency keys)", "exec"), {})  # our own docs
    (said,) = re.findall(r"```\n\nprints `(.*?)`\.", section, flags=re.S)
    assert capsys.readouterr().out.strip() == " ".join(said.split())
