"""A replay's compensation totals are money: summed exactly whatever decimal context the
application set, and written in plain digits, as every other view of money is."""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.replay.comparison import Comparison
from complaintkit.replay.outcome import DECIDED, Outcome
from complaintkit.replay.render import render_text
from complaintkit.replay.run import Replay


def outcome(case_id: str, amount: Decimal) -> Outcome:
    return Outcome(case_id, dict.fromkeys(DECIDED), frozenset(), 0, 0, {"CNY": amount})


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999999.99"), places=2)


@given(current=st.lists(amounts, min_size=1, max_size=8), precision=st.integers(1, 8))
def test_totals_are_exact_in_any_decimal_context(current: list[Decimal], precision: int) -> None:
    comparison = Comparison(limit=0)
    with decimal.localcontext(decimal.Context(prec=precision)):
        for index, amount in enumerate(current):
            comparison.add(outcome(f"c{index}", amount), outcome(f"c{index}", amount + 0))
    exact = sum(current, Decimal(0))
    assert comparison.money["current"]["CNY"] == exact
    assert comparison.to_json()["compensation"]["current"]["CNY"] == format(exact, "f")


def test_an_amount_with_an_exponent_is_written_in_plain_digits() -> None:
    before, after = outcome("c1", Decimal("1E+3")), outcome("c1", Decimal("1.2E+3"))
    assert before.changes(after) == ["compensation 1000.00 → 1200.00 CNY"]
    assert before.to_json()["compensation"] == {"CNY": "1000.00"}
    comparison = Comparison(limit=5)
    comparison.add(before, after)
    assert comparison.to_json()["compensation"] == {
        "current": {"CNY": "1000.00"},
        "candidate": {"CNY": "1200.00"},
    }
    text = render_text(Replay(comparison, None))
    assert "1000" in text
    assert "E+" not in text


def test_a_currency_one_side_proposed_nothing_in_shows_none_in_its_minor_units() -> None:
    """As a report writes money: no yuan is ``0.00`` and no yen ``0``, never a bare ``0``."""
    before = Outcome("c1", dict.fromkeys(DECIDED), frozenset(), 0, 0, {"CNY": Decimal("12.80")})
    after = Outcome("c1", dict.fromkeys(DECIDED), frozenset(), 0, 0, {"JPY": Decimal(500)})
    assert before.changes(after) == ["compensation 12.80 → 0.00 CNY", "compensation 0 → 500 JPY"]
    comparison = Comparison(limit=5)
    comparison.add(before, after)
    assert comparison.to_json()["compensation"] == {
        "current": {"CNY": "12.80", "JPY": "0"},
        "candidate": {"CNY": "0.00", "JPY": "500"},
    }
    lines = render_text(Replay(comparison, None)).splitlines()
    assert ["CNY", "12.80", "0.00"] in [line.split() for line in lines]
    assert ["JPY", "0", "500"] in [line.split() for line in lines]
