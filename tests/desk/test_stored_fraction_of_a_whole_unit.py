"""A compensation entry an older version stored with an amount finer than its currency is
paid in (100.5 JPY, when decisions were not yet rounded to the currency's unit) is read as
written wherever stored money is added up: the customer's total under a cap, the report's
money given, and what a later decision takes off as already paid. None of them may read it
as another sum (a doubled 201, a rounded 100 or 101)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from test_desk_compensation_ledger import CompensatingPolicy, section

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import compile_section
from complaintkit.desk.desk import Desk
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.reports import build_report, open_source

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
GOODWILL = ("voucher", "cash", "credit")


def _facts(voucher: str) -> dict[str, object]:
    return {"voucher": Money(voucher, "JPY"), "cash": Money("0", "JPY")}


@pytest.fixture(params=["sqlite", "postgres"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if request.param == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    policy = CompensatingPolicy(compensation=compile_section(section("JPY")))
    plugins = Plugins(plugin_manager(load_entrypoints=True))
    desk = Desk(policy, storage=url, clock=ManualClock(T0), plugins=plugins)
    try:
        yield desk
    finally:
        desk.storage.close()


def _older_entry(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Two cases of one customer, the first with 100.5 JPY of vouchers accepted, decided
    as a version that did not round to the currency's unit decided it."""
    ids = [
        desk.intake(Complaint("web", f"e{i}", T0, Customer("cust"), "broken")).id for i in range(2)
    ]
    with monkeypatch.context() as unrounded:
        unrounded.setattr(Money, "rounded", lambda self, mode="half_up": self)
        case = desk.propose_compensation(ids[0], _facts("100.5"), actor="agent")
    entry = case.compensation[-1]
    assert entry["decision"]["total"] == {"amount": "100.5", "currency": "JPY"}
    desk.offer_compensation(ids[0], entry["id"], actor="agent")
    desk.accept_compensation(ids[0], entry["id"], actor="customer")
    return ids[0], ids[1]


def test_the_customers_total_and_the_report_read_it_as_written(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _older_entry(desk, monkeypatch)
    since = T0 - timedelta(days=1)
    assert desk.storage.compensation_total("cust", since, "JPY", GOODWILL) == Money("100.5", "JPY")
    given = build_report(open_source(desk.storage)).compensation_totals["JPY"][1]
    assert given == Decimal("100.5")


def test_a_later_decision_takes_off_what_was_given_as_written(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _older_entry(desk, monkeypatch)
    case = desk.propose_compensation(first, _facts("150"), actor="agent")
    voucher = case.compensation[-1]["decision"]["remedies"][0]
    assert voucher["already"] == {"amount": "100.5", "currency": "JPY"}
    assert voucher["amount"] == {"amount": "49", "currency": "JPY"}  # 49.5, cut to the yen
    other = desk.propose_compensation(second, _facts("150"), actor="agent")
    entry = other.compensation[-1]
    desk.offer_compensation(second, entry["id"], actor="agent")
    since = T0 - timedelta(days=1)
    assert desk.storage.compensation_total("cust", since, "JPY", GOODWILL) == Money("250.5", "JPY")
