from decimal import Decimal, localcontext

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.errors import CurrencyMismatch, InvalidInput
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.testing.strategies import currencies, money


@given(money(), money())
def test_addition_is_commutative_within_a_currency(a: Money, b: Money) -> None:
    b = Money(b.amount, a.currency)
    assert a + b == b + a


@given(money(), money(), money())
def test_addition_is_associative(a: Money, b: Money, c: Money) -> None:
    b, c = Money(b.amount, a.currency), Money(c.amount, a.currency)
    assert (a + b) + c == a + (b + c)


@given(money())
def test_subtracting_itself_gives_zero(a: Money) -> None:
    assert a - a == Money.zero(a.currency)


@given(money())
def test_rounding_lands_on_the_minor_unit(a: Money) -> None:
    rounded = a.rounded()
    assert -int(rounded.amount.as_tuple().exponent) <= MINOR_UNITS[a.currency]
    assert abs(rounded.amount - a.amount) <= Decimal(1).scaleb(-MINOR_UNITS[a.currency]) / 2


@given(money())
def test_rounding_is_idempotent(a: Money) -> None:
    assert a.rounded().rounded() == a.rounded()


@given(money(), st.integers(min_value=-1000, max_value=1000))
def test_multiplying_by_an_int_is_repeated_addition_in_amount(a: Money, n: int) -> None:
    assert (a * n).amount == a.amount * n
    assert isinstance((a * n).amount, Decimal)


@given(money())
def test_json_round_trip(a: Money) -> None:
    assert Money.from_json(a.to_json()) == a


@given(currencies(), currencies())
def test_mixing_currencies_is_an_error(first: str, second: str) -> None:
    if first == second:
        return
    with pytest.raises(CurrencyMismatch, match=f"{first} and {second}"):
        Money.of(1, first) + Money.of(1, second)


def test_half_up_and_half_even_rounding() -> None:
    assert Money.of("2.345", "CNY").rounded().amount == Decimal("2.35")
    assert Money.of("2.345", "CNY").rounded("half_even").amount == Decimal("2.34")
    assert Money.of("1234.5", "JPY").rounded().amount == Decimal("1235")
    assert Money.of("1.2345", "KWD").rounded().amount == Decimal("1.235")


def test_float_is_refused() -> None:
    with pytest.raises(InvalidInput, match="write it as text"):
        Money(1.5, "CNY")


def test_unknown_currency_is_refused_with_examples() -> None:
    with pytest.raises(InvalidInput, match="'RMB' is not an ISO 4217 currency code"):
        Money.of(1, "RMB")


def test_comparing_currencies_is_an_error() -> None:
    with pytest.raises(CurrencyMismatch):
        assert Money.of(1, "CNY") < Money.of(2, "EUR")


def test_from_json_names_the_missing_field() -> None:
    with pytest.raises(InvalidInput, match=r"^refund\.currency: is required"):
        Money.from_json({"amount": "1"}, "refund")


@pytest.mark.parametrize(
    "amount", ["0.00000001", "1.000000000000", "999999999999999.99999999", "0E-999999", "0E+99"]
)
def test_from_json_accepts_amounts_within_the_bounds(amount: str) -> None:
    assert Money.from_json({"amount": amount, "currency": "CNY"}).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0.000000001", "more than 8 decimal places"),
        ("1.000000001000", "more than 8 decimal places"),
        ("1E-999999", "more than 8 decimal places"),
        ("1.00000000000000000000000000001", "more than 8 decimal places"),
        ("12345.0000000000000000000000000000000000001", "more than 8 decimal places"),
        ("1E+15", "more than 15 digits before the decimal point"),
        ("-1234567890123456.5", "more than 15 digits before the decimal point"),
    ],
)
def test_from_json_refuses_amounts_beyond_the_bounds(amount: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^refund\.amount: .*{message}"):
        Money.from_json({"amount": amount, "currency": "CNY"}, "refund")


@pytest.mark.parametrize("currency", [[], {}, ["CNY"], 156, None])
def test_a_currency_that_is_not_text_is_refused_by_name(currency: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": "1.00", "currency": currency}, "facts.order_amount")
    assert refused.value.field == "facts.order_amount.currency"


#: Text Decimal reads as a number but no other reader of numbers in complaintkit does
#: (``policy.numeric_text``): full-width digits and point, other scripts' digits, signs.
NOT_ASCII = [
    "\uff15\uff10\uff10",
    "\uff15\uff10\uff10.\uff15\uff10",
    "\uff15\uff10\uff10\uff0e\uff15\uff10",
    "\u0665\u0660\u0660",
    "￥500",
    "500元",
    "500\u3000",
    "5e\uff13",
]


@pytest.mark.parametrize("text", NOT_ASCII)
def test_amount_text_in_other_than_ascii_digits_is_refused_by_name(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": text, "currency": "CNY"}, "refund")
    assert refused.value.field == "refund.amount"
    assert "ASCII digits" in refused.value.message
    assert repr(text) in refused.value.message


@pytest.mark.parametrize("text", ["1_000", "1_000.50", "5_0"])
def test_amount_text_with_digit_separators_is_no_number(text: str) -> None:
    """Decimal reads '1_000' (Python's literal syntax); no other reader of numbers in
    complaintkit does, and '1_000' may be a typo as well as a thousand."""
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": text, "currency": "CNY"}, "refund")
    assert refused.value.field == "refund.amount"
    assert repr(text) in refused.value.message


@pytest.mark.parametrize("text", NOT_ASCII)
def test_money_built_from_text_in_other_than_ascii_digits_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="ASCII digits"):
        Money(text, "CNY")


def test_sums_and_differences_are_exact_whatever_the_decimal_context() -> None:
    big, cent = Money("1234567.89", "CNY"), Money("0.01", "CNY")
    with localcontext(prec=6):
        assert str(big + cent) == "1234567.90 CNY"
        assert str(big - cent) == "1234567.88 CNY"
        assert str(-big) == "-1234567.89 CNY"
        assert str(Money("1234567.891", "CNY").rounded()) == "1234567.89 CNY"


@pytest.mark.parametrize("text", ["-0", "-0.00", "-0E+3"])
def test_zero_written_with_a_minus_sign_is_unsigned(text: str) -> None:
    zero = Money(text, "CNY")
    assert not str(zero).startswith("-")
    assert not str(zero.raised()).startswith("-")
    assert not str(-Money.zero("CNY")).startswith("-")


#: Whole units up to 12 digits, scaled by up to 10^3: within the 15 whole digits an amount
#: taken in may have (10^12 scaled by 10^3 has 16, and ``from_json`` refuses it).
_UNITS = st.integers(min_value=-(10**12 - 1), max_value=10**12 - 1)


@given(_UNITS, st.integers(min_value=-3, max_value=8))
@example(units=10**12 - 1, places=-3)  # the largest: 999,999,999,999,000
def test_an_amount_is_written_in_plain_digits_and_reads_back_equal(units: int, places: int) -> None:
    """Decimal's own text turns 0.00000030 into '3.0E-7' and 1000 scaled by 10^3 into
    '1E+3': 30 satoshi shown to a customer as '3.0E-7 BTC', a report total as '3.0E-7'."""
    money = Money(Decimal(units).scaleb(-places), "CNY")
    text = money.to_json()["amount"]
    assert "E" not in text.upper()
    assert "E" not in str(money).upper()
    assert Money.from_json(money.to_json()).amount == money.amount


@pytest.mark.parametrize(
    "given",
    [10**5000, -(10**4400), [10**5000], "x" * 100_000],
    ids=["huge", "huge-negative", "list", "long-text"],
)
def test_an_amount_that_is_no_object_is_refused_briefly_however_large(given: object) -> None:
    """A Python caller's amount of a 5,001-digit integer raised ValueError ("Exceeds the
    limit (4300 digits) for integer string conversion") while its refusal quoted it."""
    with pytest.raises(InvalidInput) as refused:
        Money.from_json(given)
    assert refused.value.field == "amount"
    assert len(refused.value.message) < 200
