"""A remedy amount edited outside complaintkit into what no money is (``NaN``, ``Infinity``,
an exponent past any sum) ended ``complaintkit report`` in a traceback on SQLite
(``decimal.InvalidOperation``, ``decimal.Overflow``) and on PostgreSQL (``numeric``
overflow); and text Python's ``Decimal`` reads but ``numeric`` does not (full-width digits,
spaces, ``_``) counted as money on SQLite and as none on PostgreSQL. Every backend now counts
such a row's remedy, with no money given, as it already counted ``'abc'``, and names the row
on stderr as it names a row holding no instant."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from edited_store import edit_behind, installed
from hypothesis import given
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, H, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.source import given_amount

#: Amounts no report can count as money: not finite, past any sum, or not plain ASCII digits.
NO_MONEY = [
    "NaN",
    "sNaN",
    "-Infinity",
    "1e999999999",
    "9E+999999",
    "\uff11\uff12.50",  # full-width digits
    " 12.50 ",
    "12_50",
    "abc",
]
#: The played day's money given in CNY, its accepted refund of 12.50 counting none.
WITHOUT_THE_REFUND = Decimal("27.50")
#: The CNY remedies the played day decided (its accepted refund among them).
CNY_REMEDIES = 5

#: The played day's accepted refund made to hold an amount, outside complaintkit.
EDIT = "UPDATE case_remedies SET amount = {} WHERE status = 'accepted' AND remedy = 'refund'"


@pytest.mark.parametrize("amount", NO_MONEY)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_remedy_amount_that_is_no_money_counts_no_money(
    backend: str, amount: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=installed())
    try:
        refunded = play_day(desk, clock)["A"]
        edit_behind(url, EDIT, value=amount)
        source = open_source(desk.storage)
        try:
            report = build_report(source, now=T0 + 30 * H)
        finally:
            source.close()
    finally:
        desk.storage.close()
    assert report.compensation_totals["CNY"] == (CNY_REMEDIES, WITHOUT_THE_REFUND)
    refund = next(r for r in report.compensation if (r.remedy, r.currency) == ("refund", "CNY"))
    assert refund.by_status.get("accepted") == 1  # the decision is still counted
    # the row is named, as a row holding no instant is
    assert [(u.case_id, u.column) for u in report.unreadable] == [
        (refunded, "case_remedies.amount")
    ]
    # and the command prints its report, not a traceback, and the row on stderr
    result = CliRunner().invoke(build_cli(installed()), ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    assert '"given": "27.50"' in result.stdout
    warned = f"case {refunded}: case_remedies.amount holds {amount!r}, not an amount"
    assert warned in result.stderr


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**12))
def test_an_amount_decimal_writes_counts_as_itself(amount: Decimal) -> None:
    assert given_amount(str(amount)) == amount


@pytest.mark.parametrize("amount", NO_MONEY)
def test_no_money_is_none(amount: str) -> None:
    assert given_amount(amount) is None


@given(st.from_regex(r"[0-9]{1,30}(\.[0-9]{0,10})?", fullmatch=True))
def test_the_shapes_the_stores_pass_over_are_money(amount: str) -> None:
    """The stores look at the amounts in Python only when they are not plain digits with
    at most one point: those always are money."""
    assert given_amount(amount) == Decimal(amount)
