"""A letter names money with its digits grouped in thousands as its language writes
numbers: ``1200000.00 CNY`` left the reader counting zeros. The stored amount keeps its
digits; only the letter's words change."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.notify.letter_amount import grouped
from complaintkit.storage.memory import MemoryStorage

BODY = "[{case.compensation}|{case.compensation_total}]"


def policy() -> dict[str, Any]:
    return {
        "complaintkit": 1,
        "name": "letters",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
                }
            ],
        },
        "templates": {
            "money": {
                language: {"subject": "Money", "body": BODY} for language in ("en", "zh", "de")
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "rules": [
                {
                    "on": "compensation_offered",
                    "notify": ["customer"],
                    "via": "log",
                    "template": "money",
                }
            ],
        },
    }


@pytest.fixture(name="policy_file", scope="module")
def policy_file_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(yaml.safe_dump(policy(), allow_unicode=True), encoding="utf-8")
    return path


def offered(policy_file: Path, amount: str, language: str) -> tuple[str, str]:
    """The letter offering ``amount`` yuan to a customer reading ``language``, and the
    amount the case keeps."""
    desk = Desk(
        policy_file,
        storage=MemoryStorage(),
        clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)),
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "broken on arrival",
            "language": language,
        }
    )
    desk.propose_compensation(case.id, {"voucher": Money(amount, "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    (letter,) = [d.outgoing.payload for d in desk.storage.deliveries()]
    kept = desk.get(case.id).compensation[-1]["decision"]["total"]["amount"]
    return str(letter["body"]), str(kept)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "voucher 1,200,000.00 CNY"),
        ("zh", "\u4ee3\u91d1\u5238 1,200,000.00 CNY"),
        ("de", "voucher 1.200.000,00 CNY"),
    ],
)
def test_a_large_sum_is_grouped_as_its_reader_writes_numbers(
    policy_file: Path, language: str, shown: str
) -> None:
    body, kept = offered(policy_file, "1200000", language)
    assert body == f"[{shown}|{shown.rsplit(' ', 2)[-2]} CNY]"
    assert kept == "1200000.00"  # the stored amount keeps its digits


@settings(max_examples=60, deadline=None)
@given(
    amount=st.decimals(min_value=Decimal("0"), max_value=Decimal("1e15"), places=2),
    language=st.sampled_from(["en", "zh", "zh-Hans-CN", "de", "fr", "ja", "xx", None]),
)
def test_grouping_keeps_every_digit(amount: Decimal, language: str | None) -> None:
    shown = grouped(str(amount), language)
    digits = "".join(c for c in shown if c.isdigit())
    assert digits == "".join(c for c in f"{amount:f}" if c.isdigit())
    integer = shown.rsplit("," if language in ("de", "fr") else ".", 1)[0]
    groups = integer.replace("\u00a0", ",").replace(".", ",").split(",")
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3


@pytest.mark.parametrize("text", ["", "abc", "NaN", "-Infinity", "1,200.00"])
def test_what_is_no_finite_amount_is_written_as_it_is(text: str) -> None:
    assert grouped(text, "en") == text
