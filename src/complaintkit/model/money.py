"""Money: a Decimal amount with an ISO 4217 currency, never a float."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from functools import reduce
from typing import Any, Final

import attrs

from complaintkit.errors import CurrencyMismatch, InvalidInput
from complaintkit.model.jsonvalues import JsonNumber, JsonWhole, json_kind
from complaintkit.policy.as_written import as_written

_ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND"
_FOUR_DECIMALS = "CLF UYW"
_TWO_DECIMALS = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR "
    "FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW "
    "KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN "
    "NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD "
    "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS "
    "VED VES WST XCD XCG YER ZAR ZMW ZWG"
)

#: Minor-unit exponent of every active ISO 4217 currency (XCG since Amendment 176, 31 March
#: 2025), and of those withdrawn lately whose amounts old cases hold (ANG, which XCG replaced).
MINOR_UNITS: dict[str, int] = {
    **dict.fromkeys(_TWO_DECIMALS.split(), 2),
    **dict.fromkeys(_ZERO_DECIMALS.split(), 0),
    **dict.fromkeys(_THREE_DECIMALS.split(), 3),
    **dict.fromkeys(_FOUR_DECIMALS.split(), 4),
}

#: Bounds on an amount read from outside input: whole digits and decimal places.
MAX_WHOLE_DIGITS = 15
MAX_DECIMAL_PLACES = 8
#: The bounds above as a hint says them, for an amount or a factor refused beyond them.
AMOUNT_BOUNDS: Final = (
    f"at most {MAX_WHOLE_DIGITS} digits before the decimal point and {MAX_DECIMAL_PLACES} after it"
)

#: Quantizing to MAX_DECIMAL_PLACES in this context succeeds exactly when an amount (whose
#: whole digits are within bounds) has no more places; any other outcome signals.
_PLACES = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)
_EXACT = Context(prec=MAX_WHOLE_DIGITS + MAX_DECIMAL_PLACES, traps=[Inexact, InvalidOperation])
ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}
#: The decimal context money is worked out in, whatever the application set: Python's
#: defaults (28 digits hold any sum of amounts within the bounds above), as a copy no one
#: else changes (``decimal.DefaultContext`` is shared and can be).
ARITHMETIC = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def not_ascii(text: str) -> str | None:
    """Why ``text`` is no amount although ``Decimal`` reads it: Decimal takes full-width
    digits (U+FF10 to U+FF19) and other scripts' digits, which no other reader of numbers
    in complaintkit does (``policy.numeric_text``), but not a full-width point (U+FF0E).
    One rule for every amount written as text: ASCII digits only."""
    if text.isascii():
        return None
    said = (
        f"must be written in ASCII digits, e.g. '500.50' (got {text!r}); full-width digits "
        "or punctuation and signs such as ￥ or 元 are not read as a number"
    )
    meant = _typed_full_width(text)
    return said if meant is None else f"{said}: write it as {meant!r}"


#: An amount plainly written, once typed in ASCII: ``1000``, ``-5``, ``1000.50``.
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _typed_full_width(text: str) -> str | None:
    """The ASCII amount ``text`` types in full-width mode (its digits, comma or point) or
    with its sign (``￥100``, ``100元``), commas only where they group thousands; else None."""
    folded = unicodedata.normalize("NFKC", text).strip().removeprefix("¥").removesuffix("元")
    folded = folded.strip()
    if not folded.isascii():
        return None
    if _PLAIN.fullmatch(folded):
        return folded
    return folded.replace(",", "") if _GROUPED.fullmatch(folded) else None


def _to_decimal(value: object, field: str) -> Decimal:
    if type(value) is JsonNumber or type(value) is JsonWhole:  # exact in its JSON text
        value = value.text
    elif type(value) is not str:  # text, as JSON carries amounts, needs no type tests
        if isinstance(value, float):  # a YAML number with a point, or Python's
            raise InvalidInput(
                field,
                f"is the number {value!r}, which is not held exactly; write it as text, "
                f'"{value!r}" (or a Decimal from Python)',
            )
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise InvalidInput(field, f"must be a Decimal, int or numeric string (got {value!r})")
    elif (refused := not_ascii(value)) is not None:
        raise InvalidInput(field, refused)
    elif "_" in value:  # Python's digit separator, which Decimal alone reads
        raise InvalidInput(field, f"{_quoted_text(value)} is not a number")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidInput(field, _not_a_number(str(value))) from None
    if not amount.is_finite():
        raise InvalidInput(field, f"must be a finite number (got {_quoted_text(value)})")
    return amount


#: An amount grouped in thousands by two points or more, as Vietnam or Germany write it:
#: ``150.000.000``.
_POINTS_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}")
#: An amount grouped in thousands as a spreadsheet or an invoice writes it: ``1,000.50``.
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _not_a_number(text: str) -> str:
    """Why ``text`` is no amount; with commas in it, how to write it instead. Only
    thousands grouped by commas are answered with the number: ``12,5`` or ``1.000,50`` may
    hold a decimal comma, and a guess at it could pay ten or a thousand times the sum."""
    said = f"{_quoted_text(text)} is not a number"
    if _POINTS_GROUPED.fullmatch(text.strip()):  # two points: no decimal one among them
        plain = text.strip().replace(".", "")
        return f"{said}: write it with no separators, {plain!r} (its points group thousands)"
    if "," not in text:
        return said
    if _GROUPED.fullmatch(text.strip()):
        plain = text.strip().replace(",", "")
        grouping = "" if "." in plain else " (if its commas group thousands)"
        return f"{said}: write it with no separators, {plain!r}{grouping}"
    return f"{said}: write it with no separators and a point before the fraction, e.g. '1000.50'"


#: Thousands grouped by a point, as Vietnam, Indonesia or Germany write them: ``150.000``;
#: never ``0.125``, as no group of thousands stands after a 0.
POINT_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def points_grouping(value: object, currency: object) -> str | None:
    """Why ``value`` is no amount in ``currency``, when it has no minor unit and a point
    before three digits (``150.000`` VND): that point groups thousands where it is written
    so, and read as a decimal point it paid a thousandth of the sum (150 VND)."""
    text = value.text if type(value) is JsonNumber else value
    if not isinstance(text, str) or MINOR_UNITS.get(str(currency)) != 0:
        return None
    if not POINT_GROUPED.fullmatch(written := text.strip()):
        return None
    fraction = format(Decimal(written).normalize(), "f")
    return (
        f"{written!r} is ambiguous in {currency}, which has no minor unit: write "
        f"{written.replace('.', '')!r} if its point groups thousands, or {fraction!r} for "
        f"{fraction} {currency}"
    )


def _quoted_text(value: object) -> str:
    """``value`` as a reason quotes it, shortened to its ends when long (``_quoted``)."""
    text = repr(value)
    if len(text) <= _QUOTED_CHARS:
        return text
    return f"{text[:12]}...{text[-6:]} ({len(str(value))} characters)"


def _amount(value: object) -> Decimal:
    """The amount, zero unsigned: one written ``-0`` (or rounded up to it) is no debt,
    and was shown as ``-0.00 CNY`` in a decision's explanation. A zero keeps at most
    ``MAX_DECIMAL_PLACES`` places: ``0E-999999999``, 12 characters, is a billion zeros in
    plain digits (``plain_amount``), stored and shown so."""
    amount = _to_decimal(value, "amount")
    if amount:
        return amount
    # a zero's adjusted exponent is its exponent (-2 for 0.00)
    return amount.copy_abs() if amount.adjusted() >= -MAX_DECIMAL_PLACES else _PLACES * 0


def finer_than_paid(amount: Decimal, currency: str) -> tuple[str, str] | None:
    """What is wrong with a policy's ``amount`` finer than ``currency``'s smallest unit: a
    0.5 JPY cap would be rounded to 1 JPY when paid, and so let the customer have more."""
    unit = Decimal(1).scaleb(-MINOR_UNITS.get(currency, MAX_DECIMAL_PLACES))
    if amount % unit == 0:
        return None
    return (
        f"{amount} {currency} is finer than {currency} is paid in (steps of {unit})",
        f"write it in whole steps of {unit} {currency}",
    )


def finer_than_its_units(money: Money) -> str | None:
    """Why ``money`` cannot be what a customer paid: one finer than its currency's minor
    unit (100.5 JPY, 1.005 CNY) never changed hands, and compensation would pay back a
    sum cut to the unit (100 JPY) in place of the one written."""
    if finer_than_paid(money.amount, money.currency) is None:
        return None
    places = money.minor_units
    has = "no minor unit" if places == 0 else f"{places} decimal places"
    unit = Decimal(1).scaleb(-places)
    return (
        f"{plain_amount(money.amount)} {money.currency} is finer than {money.currency} is "
        f"paid in; {money.currency} has {has}: write it in whole steps of {unit} "
        f"{money.currency}, as it was paid"
    )


def unpayable_as_written(
    written: object, amount: Decimal, currency: str
) -> tuple[str, str, str] | None:
    """What is wrong with a policy's ``amount`` as ``written`` in ``currency``, with a hint
    and a code: a point grouping thousands (``limit: 1.000`` JPY, else read as 1 JPY, as a
    complaint's amount so written is refused), or a step finer than the currency pays."""
    if (ambiguous := points_grouping(written, currency)) is not None:
        return ambiguous, "write it with no separator between its thousands", "amount-grouping"
    if (finer := finer_than_paid(amount, currency)) is not None:
        return (*finer, "amount-precision")
    return None


#: names people write for a currency that are no ISO 4217 code (RMB on a Chinese invoice)
_SPOKEN_CODES: Final = {"RMB": "CNY", "人民币": "CNY", "元": "CNY", "YUAN": "CNY", "CNH": "CNY"}


def unknown_currency(code: object) -> tuple[str, str] | None:
    """What is wrong with ``code`` as a currency, and the code most likely meant; None when
    it is one (a policy's ``cny`` must not be answered with all 180 codes)."""
    if isinstance(code, str) and code in MINOR_UNITS:
        return None
    meant = currency_meant(code)
    hint = f"did you mean {meant}?" if meant else "write a code in capitals, e.g. CNY, EUR, USD"
    return f"{as_written(code)} is not an ISO 4217 currency code", hint


def currency_meant(code: object) -> str | None:
    """The ISO 4217 code ``code`` (``cny``, ``RMB``, ``人民币``, CNY typed in full-width
    letters) most likely means, or None."""
    text = unicodedata.normalize("NFKC", str(code)).strip().upper()
    return text if text in MINOR_UNITS else _SPOKEN_CODES.get(text)


def _check_currency(_: object, __: object, code: str) -> None:
    if not isinstance(code, str) or code not in MINOR_UNITS:  # a list or dict is no code either
        meant = currency_meant(code) if isinstance(code, str) and len(code) < 20 else None
        hint = f"did you mean {meant}?" if meant else "use e.g. 'CNY', 'EUR', 'USD'"
        raise InvalidInput("currency", f"{code!r} is not an ISO 4217 currency code; {hint}")


@attrs.frozen(order=False)
class Money:
    """An exact amount in one currency; mixing currencies raises ``CurrencyMismatch``."""

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(validator=_check_currency)

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        return cls(amount, currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @property
    def minor_units(self) -> int:
        return MINOR_UNITS[self.currency]

    def rounded(self, mode: str = "half_up") -> Money:
        """Round to the currency's minor unit (two places for CNY, none for JPY)."""
        quantum = Decimal(1).scaleb(-self.minor_units)
        try:
            rounding = ROUNDING_MODES[mode]
        except KeyError:
            raise InvalidInput(
                "rounding", f"must be one of {sorted(ROUNDING_MODES)} (got {mode!r})"
            ) from None
        return Money(self.amount.quantize(quantum, rounding, ARITHMETIC), self.currency)

    def shown(self) -> str:
        """As people read it: in the currency's minor units when that loses nothing
        (``200.00 CNY``, not ``200 CNY`` nor ``200.000 CNY``), else every digit it has."""
        return f"{self.shown_amount()} {self.currency}"

    def shown_amount(self) -> str:
        """The amount alone as ``shown`` writes it (``0.00`` for no yuan, ``0`` for no yen):
        a figure beside its currency, as a report's columns give them."""
        try:
            rounded = self.rounded()
        except DecimalException:  # more digits than the context holds: shown as it is
            return plain_amount(self.amount)
        return plain_amount(rounded.amount if rounded.amount == self.amount else self.amount)

    def truncated(self) -> Money:
        """Cut down to the currency's minor unit: the most a refund can pay back of an
        amount recorded to more places than the currency has (0.0476 CNY: 0.04)."""
        quantum = Decimal(1).scaleb(-self.minor_units)
        return Money(self.amount.quantize(quantum, ROUND_DOWN, ARITHMETIC), self.currency)

    def raised(self) -> Money:
        """Up to the currency's minor unit: the least a floor written to more places than
        the currency has can be paid as (1000.5 JPY: 1001), never less than it says."""
        quantum = Decimal(1).scaleb(-self.minor_units)
        return Money(self.amount.quantize(quantum, ROUND_CEILING, ARITHMETIC), self.currency)

    def _same(self, other: Money, op: str) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(
                "currency", f"cannot {op} {self.currency} and {other.currency}; convert first"
            )

    def __add__(self, other: Money) -> Money:
        self._same(other, "add")
        return Money(ARITHMETIC.add(self.amount, other.amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other, "subtract")
        return Money(ARITHMETIC.subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        """The exact product, whatever the decimal context: rounded to the context's 28
        digits first, 100000000000000.01 x 2.5000000000000000000000000001 became a tie that
        half-even rounding then paid a cent short."""
        if isinstance(factor, float | bool) or not isinstance(factor, Decimal | int):
            raise InvalidInput("factor", f"must be a Decimal or int, not {type(factor).__name__}")
        factor = Decimal(factor)
        digits = len(self.amount.as_tuple().digits) + len(factor.as_tuple().digits)
        exact = Context(prec=digits, Emax=MAX_EMAX, Emin=MIN_EMIN)
        return Money(exact.multiply(self.amount, factor), self.currency)

    __rmul__ = __mul__

    def percent(self, share: Decimal) -> Money:
        """``share`` percent of this amount, every digit kept, as ``__mul__`` keeps them
        (dividing by 100 only moves the point, so ``share``'s own digits hold it)."""
        ratio = Context(prec=len(share.as_tuple().digits), Emin=MIN_EMIN).divide(share, 100)
        return self * ratio

    def __neg__(self) -> Money:
        return Money(self.amount.copy_negate(), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount >= other.amount

    def __str__(self) -> str:
        return f"{plain_amount(self.amount)} {self.currency}"

    def to_json(self) -> dict[str, str]:
        return {"amount": plain_amount(self.amount), "currency": self.currency}

    def shown_json(self) -> dict[str, str]:
        """``to_json`` with the amount as ``shown`` writes it (``"200.00"`` for a policy's
        ``200`` yuan): what a decision writes, so each of its amounts has one form."""
        return {"amount": self.shown_amount(), "currency": self.currency}

    @classmethod
    def from_json(cls, data: Any, field: str = "amount") -> Money:
        if not isinstance(data, dict):
            raise InvalidInput(
                field,
                f'must be an object like {{"amount": "12.50", "currency": "CNY"}} '
                f"(got {_given(data)})",
            )
        if "amount" not in data or "currency" not in data:
            missing = {"amount", "currency"} - data.keys()
            raise InvalidInput(f"{field}.{sorted(missing)[0]}", "is required")
        if len(data) > 2:  # a key beside the two, which would be dropped unseen
            unknown = sorted(map(str, data.keys() - {"amount", "currency"}))
            raise InvalidInput(
                f"{field}.{unknown[0]}", "is not a known field; known fields: amount, currency"
            )
        if (ambiguous := points_grouping(data["amount"], data["currency"])) is not None:
            raise InvalidInput(f"{field}.amount", ambiguous)
        try:
            money = cls(data["amount"], data["currency"])
        except InvalidInput as exc:
            raise InvalidInput(f"{field}.{exc.field}", exc.message) from None
        check_size(money.amount, f"{field}.amount")
        return money


#: The longest value a refusal quotes as written; a longer one is named by its kind.
_GIVEN_CHARS = 40


def _given(value: object) -> str:
    """``value`` as a refusal quotes it: a short one as written, a long one (a 5,000-digit
    integer, whose text Python refuses to make at all) by what it is."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = repr(value) if not isinstance(value, int) or value.bit_length() < 128 else ""
        if shown and len(shown) <= _GIVEN_CHARS:
            return shown
    elif value is None or isinstance(value, bool):
        return repr(value)
    return json_kind(value)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``amounts``, worked out in ``ARITHMETIC``: in an application's
    context of 6 digits, 1234567.89 + 0.01 was 1.23457E+6 and failed a cap check."""
    return reduce(ARITHMETIC.add, amounts, Decimal(0))


#: The longest amount a reason quotes whole; a longer one is shortened (``_quoted``).
_QUOTED_CHARS = 40


def _quoted(amount: Decimal) -> str:
    """``amount`` as a reason names it: a 100,000-digit amount, shortened to its ends and
    how many digits it has, rather than copied whole into the reason, the log and the
    dead letter."""
    text = str(amount)
    if len(text) <= _QUOTED_CHARS:
        return text
    digits = len(amount.as_tuple().digits)
    return f"{text[:12]}...{text[-6:]} ({digits} digits)"


def check_size(amount: Decimal, field: str) -> None:
    """Refuse amounts no complaint can be about (``1e20``, ``1E-999999``) at the boundary:
    outside input here, and whatever else money is computed from."""
    if amount and amount.adjusted() >= MAX_WHOLE_DIGITS:
        raise InvalidInput(
            field,
            f"{_quoted(amount)} has more than {MAX_WHOLE_DIGITS} digits before the decimal point",
        )
    try:
        # Exact, unlike normalize(), which rounds to the default context's 28 digits first
        # (and so let 1.00000000000000000000000000001 through); cheaper than as_tuple() too.
        _EXACT.quantize(amount, _PLACES)
    except DecimalException:
        raise InvalidInput(
            field, f"{_quoted(amount)} has more than {MAX_DECIMAL_PLACES} decimal places"
        ) from None


def plain_amount(amount: Decimal) -> str:
    """``amount`` in plain digits, its places kept (``0.00000030``, ``1000``): Decimal's
    own text writes those as ``3.0E-7`` and ``1E+3``, which no customer reads as money."""
    return format(amount, "f")


#: The most digits either side of the point :func:`plain_number` writes out in full.
_PLAIN_DIGITS: Final = 40


def plain_number(number: Decimal) -> str:
    """A factor or a fact as a reason writes it: in plain digits (``1000`` for a factor
    written ``1E+3``), as :func:`plain_amount` writes money; one too large or too fine to
    write out (a fact of ``1E+999999``) keeps its exponent rather than a million digits."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -_PLAIN_DIGITS <= exponent <= _PLAIN_DIGITS:
        return format(number, "f")
    return str(number)
