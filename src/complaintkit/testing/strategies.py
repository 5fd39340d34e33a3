# ruff: noqa: RUF001, RUF002 -- Chinese complaint text uses full-width punctuation on purpose
"""Hypothesis strategies for complaintkit's model, public for plugin and policy authors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from complaintkit.model.complaint import Complaint, Customer, shows_nothing
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.testing.domain_texts import DOMAIN_TEXTS as DOMAIN_TEXTS  # noqa: PLC0414 - its documented home

#: Currencies with 0, 2 and 3 minor digits, so rounding paths are all exercised.
CURRENCIES = ("CNY", "EUR", "USD", "JPY", "KWD", "GBP")

#: Free text that shows something: spaces or invisible format characters alone are blank.
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80
).filter(lambda text: not shows_nothing(text))
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
    currency: str | None = None,
    *,
    min_value: int = -(10**9),
    max_value: int = 10**9,
    finer: bool = True,
) -> st.SearchStrategy[Money]:
    """Money with up to the currency's minor digits (and, when ``finer``, sometimes more,
    to round: a loss or a tariff may have them, what a customer paid never has)."""
    currency_strategy = st.just(currency) if currency else currencies()

    def build(code: str) -> st.SearchStrategy[Money]:
        places = MINOR_UNITS[code] + (2 if finer else 0)
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
        amount=st.none() | money(min_value=0, max_value=100_000, finer=False),
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


_OPENERS = st.sampled_from(["", "您好，", "投诉：", "Hello, ", "Complaint: "])
_CLOSERS = st.sampled_from(
    ["", "。请尽快处理！", "，要求退款", " Please fix this.", " I want a refund."]
)


def domain_texts(types: tuple[str, ...] | None = None) -> st.SearchStrategy[str]:
    """Complaint text about one of ``types`` (default: every type of DOMAIN_TEXTS), with framing."""
    chosen = types or tuple(DOMAIN_TEXTS)
    unknown = sorted(set(chosen) - set(DOMAIN_TEXTS))
    if unknown:
        raise ValueError(f"unknown complaint type(s) {unknown}; known: {sorted(DOMAIN_TEXTS)}")
    phrases = st.sampled_from([text for kind in chosen for text in DOMAIN_TEXTS[kind]])
    return st.tuples(_OPENERS, phrases, _CLOSERS).map("".join)


def domain_complaints(types: tuple[str, ...] | None = None) -> st.SearchStrategy[Complaint]:
    """Complaints a real customer could send: domain text, any customer, amount and time."""
    return st.builds(
        Complaint,
        channel=st.sampled_from(["web", "email", "hotline", "wechat"]),
        external_id=st.integers(min_value=0, max_value=10**6).map(str),
        received_at=aware_datetimes(),
        customer=st.builds(
            Customer,
            id=st.sampled_from(["C-1", "C-2", "C-3"]),
            tier=st.none() | st.sampled_from(["standard", "gold", "vip"]),
        ),
        text=domain_texts(types),
        subject=st.just(""),
        order_id=st.none() | st.just("SO-1001"),
        amount=st.none() | money("CNY", min_value=0, max_value=20_000, finer=False),
        language=st.none() | st.sampled_from(["zh", "en"]),
    )


_TIMEZONES = ("UTC", "Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Sydney")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@st.composite
def _shifts(draw: st.DrawFn) -> list[str]:
    """One or two non-overlapping shifts in a day, on the quarter hour."""
    cuts = sorted(draw(st.sets(st.integers(min_value=0, max_value=95), min_size=2, max_size=4)))
    if len(cuts) % 2:
        cuts = cuts[:-1]

    def clock(quarter: int) -> str:
        return f"{quarter // 4:02d}:{quarter % 4 * 15:02d}"

    return [f"{clock(a)}-{clock(b)}" for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Business calendars: a timezone (some with DST), hours on 1–7 weekdays, a few holidays.

    Every calendar has some working time each week, so adding business time terminates.
    """
    days = draw(st.sets(st.sampled_from(_DAYS), min_size=1, max_size=7))
    hours = {day: draw(_shifts()) for day in sorted(days, key=_DAYS.index)}
    holidays = draw(
        st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), max_size=5)
    )
    return BusinessCalendar(
        draw(st.sampled_from(_TIMEZONES)), hours, holidays=holidays, name="generated"
    )
