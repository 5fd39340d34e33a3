"""Hypothesis strategies for complaintkit's model, public for plugin and policy authors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import MINOR_UNITS, Money

#: Currencies with 0, 2 and 3 minor digits, so rounding paths are all exercised.
CURRENCIES = ("CNY", "EUR", "USD", "JPY", "KWD", "GBP")

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80
).filter(str.strip)
_IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,15}", fullmatch=True)
_CHINESE = st.sampled_from(
    [
        "牛奶变质了",
        "快递三天没到",
        "服务态度很差",
        "价格和标价不一致",
        "物业收费不透明",
        "面包里有异物",
    ]
)


def currencies() -> st.SearchStrategy[str]:
    return st.sampled_from(CURRENCIES)


def money(
    currency: str | None = None, *, min_value: int = -(10**9), max_value: int = 10**9
) -> st.SearchStrategy[Money]:
    """Money with up to the currency's minor digits (and sometimes more, to round)."""
    currency_strategy = st.just(currency) if currency else currencies()

    def build(code: str) -> st.SearchStrategy[Money]:
        places = MINOR_UNITS[code] + 2
        return st.decimals(
            min_value=min_value,
            max_value=max_value,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        ).map(lambda amount: Money(amount, code))

    return currency_strategy.flatmap(build)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Aware instants in UTC and in fixed offsets from -12h to +14h."""
    offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
        lambda quarters: timezone(timedelta(minutes=15 * quarters))
    )
    return st.datetimes(
        # hypothesis takes naive bounds and attaches the generated zone
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001
        max_value=datetime(2090, 1, 1),  # noqa: DTZ001
        timezones=offsets | st.just(UTC),
    )


def customers() -> st.SearchStrategy[Customer]:
    return st.builds(
        Customer,
        id=_IDS,
        name=st.none() | _TEXT,
        contact=st.none() | st.emails(),
        tier=st.none() | st.sampled_from(["standard", "gold", "vip"]),
        region=st.none() | st.sampled_from(["CN-11", "CN-31", "GB", "US-NY"]),
    )


def complaints(channel: str | None = None) -> st.SearchStrategy[Complaint]:
    """Complaints in Chinese and English with optional product, order and amount."""
    return st.builds(
        Complaint,
        channel=st.just(channel)
        if channel
        else st.sampled_from(["web", "email", "hotline", "wechat"]),
        external_id=_IDS,
        received_at=aware_datetimes(),
        customer=customers(),
        text=_CHINESE | _TEXT,
        subject=st.just("") | _TEXT,
        product=st.none() | _IDS,
        order_id=st.none() | _IDS,
        amount=st.none() | money(min_value=0, max_value=100_000),
        language=st.none() | st.sampled_from(["zh", "en"]),
        attributes=st.dictionaries(_IDS, st.integers() | _TEXT, max_size=3),
    )


def status_walks(max_size: int = 30) -> st.SearchStrategy[list[Status]]:
    """Sequences of target statuses, legal or not, for lifecycle tests."""
    return st.lists(st.sampled_from(list(Status)), max_size=max_size)


def decimals_for(currency: str) -> st.SearchStrategy[Decimal]:
    places = MINOR_UNITS[currency]
    return st.decimals(
        min_value=0, max_value=10**7, places=places, allow_nan=False, allow_infinity=False
    )
