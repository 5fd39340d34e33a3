"""A report writes money as money: in its currency's minor units (``0.00`` CNY, ``0`` JPY,
``0.000`` KWD), per currency, and no money at all for a remedy that is none.

Nothing offered yet, the report said ``given: "0"`` for yuan, and an apology's row had a
``total`` of ``"0"`` as if it were an amount of no currency."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.model.money import MINOR_UNITS
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.reports import Report, build_report, open_source
from complaintkit.reports.table import render_csv, render_text
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _report(currency: str, amounts: list[int], offered: int) -> Report:
    """One case per amount (in the currency's minor units), the first ``offered`` of them
    offered, the rest only proposed; each with an apology beside its voucher."""
    places = MINOR_UNITS[currency]
    section = {
        "currency": currency,
        "rules": [
            {
                "id": "goodwill",
                "remedies": [
                    {"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}},
                    "apology",
                ],
            }
        ],
    }
    desk = Desk(
        _Paying(compensation=compile_section(section)),
        storage=MemoryStorage(),
        clock=ManualClock(NOW),
    )
    for n, minor in enumerate(amounts):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"x-{n}",
                "received_at": NOW.isoformat(),
                "customer": {"id": f"c-{n}"},
                "text": "broken on arrival",
            }
        )
        voucher = {"amount": str(Decimal(minor).scaleb(-places)), "currency": currency}
        entry = desk.propose_compensation(case.id, {"voucher": voucher}, actor="li.na")
        if n < offered:
            desk.offer_compensation(case.id, entry.compensation[-1]["id"], actor="li.na")
    return build_report(open_source(desk.storage))


def test_money_not_given_yet_is_written_in_the_currencys_places() -> None:
    figures = _report("CNY", [5000], offered=0).to_json()
    assert figures["compensation_totals"] == {"CNY": {"remedies": 1, "given": "0.00"}}
    voucher = next(r for r in figures["compensation"] if r["remedy"] == "voucher")
    assert voucher["total"] == "0.00"


def test_a_remedy_of_no_money_has_no_money_figure() -> None:
    report = _report("JPY", [500], offered=1)
    apology = next(r for r in report.to_json()["compensation"] if r["remedy"] == "apology")
    assert apology["currency"] is None
    assert apology["total"] is None
    row = next(line for line in render_text(report).splitlines() if "apology" in line)
    assert row.split()[-1] == "-"
    csv_row = next(line for line in render_csv(report).splitlines() if "apology" in line)
    assert csv_row.split(",")[-1] == "-"


@settings(max_examples=10, deadline=None)
@given(
    currency=st.sampled_from(["CNY", "JPY", "KWD", "EUR"]),
    amounts=st.lists(st.integers(0, 10**7), min_size=1, max_size=3),
    offered=st.integers(0, 3),
)
def test_every_money_figure_has_its_currencys_places_and_sums_what_was_offered(
    currency: str, amounts: list[int], offered: int
) -> None:
    places = MINOR_UNITS[currency]
    figures = _report(currency, amounts, offered).to_json()
    given_money = figures["compensation_totals"][currency]["given"]
    expected = sum(Decimal(m).scaleb(-places) for m in amounts[:offered])
    assert Decimal(given_money) == expected
    shown = [given_money, *(r["total"] for r in figures["compensation"] if r["currency"])]
    for text in shown:
        assert -Decimal(text).as_tuple().exponent == places, text  # type: ignore[operator]
