"""A zero amount written with an exponent (``0E-999999999``, 12 characters) was kept with
as many places as its exponent says, and written out in plain digits: a JSON line, CSV row
or HTTP body of a few hundred bytes stored an amount of a billion zeros (a gigabyte, two
seconds to write), in the case, its events and every letter showing it. A zero has no
places to keep beyond the most any amount has: it is kept with at most those."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import MAX_DECIMAL_PLACES, Money

#: The longest a zero is written: ``0.`` and the most places any amount has.
LONGEST_ZERO = 2 + MAX_DECIMAL_PLACES


@given(st.sampled_from(["", "-"]), st.integers(MAX_DECIMAL_PLACES + 1, 100_000))
def test_a_zero_with_an_exponent_is_written_short(sign: str, places: int) -> None:
    money = Money.from_json({"amount": f"{sign}0E-{places}", "currency": "CNY"})
    assert len(money.to_json()["amount"]) <= LONGEST_ZERO
    assert money.amount == 0


@given(st.integers(0, MAX_DECIMAL_PLACES))
def test_a_zero_keeps_the_places_it_was_written_with(places: int) -> None:
    written = f"0.{'0' * places}" if places else "0"
    assert Money.from_json({"amount": written, "currency": "CNY"}).to_json()["amount"] == written


def test_a_python_money_of_such_a_zero_is_short() -> None:
    assert len(Money(Decimal("0E-1000000"), "CNY").to_json()["amount"]) <= LONGEST_ZERO


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(MAX_DECIMAL_PLACES + 1, 1_000_000))
def test_a_json_line_of_such_a_zero_stores_it_short(tmp_path: Path, places: int) -> None:
    line = (
        '{"external_id": "A-1", "received_at": "2026-11-23T09:30:00+08:00", "channel": "web",'
        ' "customer": {"id": "c1"}, "text": "late", '
        f'"amount": {{"amount": 0E-{places}, "currency": "CNY"}}}}\n'
    )
    source = tmp_path / "in.jsonl"
    source.write_text(line, encoding="utf-8")
    (complaint,) = JsonLinesChannel().read(str(source))
    assert isinstance(complaint, Complaint)
    assert len(json.dumps(complaint.to_json())) < 2 * len(line)
