"""Every metric against the hand-computed answers for the day in conftest.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext
from zoneinfo import ZoneInfo

import pytest
from reports_day import (  # noqa: F401 -- fixtures used by name
    T0,
    H,
    backend_fixture,
    complaint,
    day_fixture,
)

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import ReportSource, Scope, build_report, open_source
from complaintkit.reports.metrics import Share, pareto
from complaintkit.reports.trends import daily_counts


def test_counts_and_shares_in_pareto_order(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0])
    assert report.total == 4
    assert report.breakdowns["category"] == [
        Share("product", 2, 0.5, 0.5),
        Share("delivery", 1, 0.25, 0.75),
        Share("service", 1, 0.25, 1.0),
    ]
    assert [(s.key, s.count) for s in report.breakdowns["channel"]] == [
        ("web", 2),
        ("email", 1),
        ("phone", 1),
    ]
    assert [(s.key, s.count) for s in report.breakdowns["product"]] == [
        ("P1", 2),
        ("P2", 1),
        (None, 1),
    ]
    assert [(s.key, s.count) for s in report.breakdowns["severity"]] == [
        ("normal", 2),
        ("high", 1),
        ("low", 1),
    ]


def test_durations_are_nearest_rank_percentiles(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0])
    first = report.durations["first_response"]
    # C 0.5 h, A 1 h, B 3 h; D never answered
    assert (first.count, first.p50, first.p90, first.p99) == (3, 3600.0, 10800.0, 10800.0)
    resolution = report.durations["resolution"]
    # A 5 h; B reopened and resolved again 20 h after opening
    assert (resolution.count, resolution.p50, resolution.p90) == (2, 18000.0, 72000.0)
    assert first.basis == "calendar"


class HalfTime:
    """A calendar in which only every other hour is working time."""

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return (end - start) / 2


def test_durations_use_business_time_with_a_calendar(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    report = build_report(day[0], calendar=HalfTime())
    first = report.durations["first_response"]
    assert (first.basis, first.p50, first.p90) == ("business", 1800.0, 5400.0)


def test_sla_attainment_per_metric(day: tuple[ReportSource, dict[str, str]]) -> None:
    sla = {s.metric: s for s in build_report(day[0]).sla}
    assert (sla["first_response"].met, sla["first_response"].breached) == (2, 1)
    assert sla["first_response"].attainment == pytest.approx(2 / 3)
    assert (sla["resolution"].met, sla["resolution"].running, sla["resolution"].attainment) == (
        1,
        1,
        1.0,
    )
    assert set(sla) == {"first_response", "resolution"}


def test_escalation_reopen_and_satisfaction(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0])
    assert [(e.level, e.cases, e.reached, e.rate) for e in report.escalation] == [
        (1, 1, 2, 0.5),
        (2, 1, 1, 0.25),
    ]
    assert (report.reopened, report.reopen_rate) == (1, 0.25)
    assert report.satisfaction == {2: 1, 5: 1}
    assert report.satisfaction_average == 3.5


def test_compensation_totals_by_remedy_and_currency(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    rows = [
        (r.remedy, r.currency, r.count, r.total, r.by_status)
        for r in build_report(day[0]).compensation
    ]
    assert rows == [
        ("voucher", "CNY", 3, Decimal("20"), {"accepted": 1, "lapsed": 1, "proposed": 1}),
        ("refund", "CNY", 2, Decimal("20.00"), {"accepted": 1, "offered": 1}),
        ("apology", None, 1, Decimal(0), {"offered": 1}),
        ("refund", "USD", 1, Decimal(0), {"declined": 1}),
    ]


def test_compensation_money_is_what_customers_were_given(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    """Proposals, declined offers and offers that lapsed when their case ended unanswered
    count as decisions, not as money."""
    report = build_report(day[0])
    assert report.compensation_totals == {
        "CNY": (5, Decimal("40.00")),
        "USD": (1, Decimal(0)),
    }
    assert report.to_json()["compensation_totals"]["CNY"] == {"remedies": 5, "given": "40.00"}


def test_root_causes_systemic_and_incidental(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0])
    assert [(r.why, r.nature, r.count) for r in report.root_causes] == [
        ("bad seal", "systemic", 2),
        ("no check", "incidental", 1),
    ]
    assert report.natures == {"incidental": 1, "systemic": 2}


def test_scope_filters_by_time_and_field(day: tuple[ReportSource, dict[str, str]]) -> None:
    source = day[0]
    assert build_report(source, Scope(channel="web")).total == 2
    assert build_report(source, Scope(since=T0 + H)).total == 3
    assert build_report(source, Scope(until=T0 + 2 * H)).total == 2
    web_product = build_report(source, Scope(channel="web", category="product"))
    assert web_product.total == 1
    assert web_product.durations["first_response"].p50 == 3600.0


def test_empty_scope_reports_nothing(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0], Scope(since=T0 + 100 * H))
    assert report.total == 0
    assert report.durations["first_response"].p50 is None
    assert report.reopen_rate is None
    assert report.to_json()["satisfaction"]["average"] is None


def test_json_carries_every_section(day: tuple[ReportSource, dict[str, str]]) -> None:
    data = build_report(day[0]).to_json()
    assert data["compensation"][1]["total"] == "20.00"
    assert data["daily"] == [
        {"key": "delivery", "days": {"2026-03-02": 1}},
        {"key": "product", "days": {"2026-03-02": 2}},
        {"key": "service", "days": {"2026-03-02": 1}},
    ]


def test_pareto_puts_unset_values_last_among_ties() -> None:
    assert [s.key for s in pareto({None: 1, "b": 1, "a": 3})] == ["a", "b", None]


def test_daily_volume_uses_local_days(day: tuple[ReportSource, dict[str, str]]) -> None:
    # 09:00-12:00 in Shanghai is the previous evening in New York
    counts = daily_counts(day[0], "category", Scope(), ZoneInfo("America/New_York"))
    assert counts == {
        "delivery": {date(2026, 3, 1): 1},
        "product": {date(2026, 3, 1): 2},
        "service": {date(2026, 3, 1): 1},
    }


def test_a_duration_on_a_half_millisecond_rounds_alike_on_every_backend(
    backend: tuple[Desk, ManualClock],
) -> None:
    desk, clock = backend
    case = desk.intake(complaint("A", "web", T0))
    clock.set(T0 + timedelta(microseconds=4500))  # 0.0045 s: a float just under the half
    desk.respond(case.id, "received", actor="li.na")
    source = open_source(desk.storage)
    assert source.percentiles("first_response", Scope(), [0.5]) == (1, [0.005])
    getattr(source, "close", lambda: None)()


def test_compensation_money_is_summed_exactly_whatever_the_decimal_context(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    with localcontext(prec=1):
        report = build_report(day[0])
    assert report.to_json()["compensation_totals"]["CNY"] == {"remedies": 5, "given": "40.00"}
    assert [str(r.total) for r in report.compensation][:2] == ["20", "20.00"]
