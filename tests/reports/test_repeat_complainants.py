"""Reports count the customers who complained, and those who complained more than once.

A customer coming back with a second complaint says more about the business than two
customers with one each; every backend counts them alike, within the report's scope.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.scope import Scope
from complaintkit.reports.table import render_csv, render_text
from complaintkit.storage.base import Storage

DAY = timedelta(days=1)


def _complaint(key: str, customer: str, day: int) -> dict[str, Any]:
    data = complaint(key, "web", T0 + day * DAY)
    data["customer"] = {"id": customer}
    return data


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    storage: str | Storage = (
        "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    )
    if request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    desk = Desk(
        GradingPolicy(), storage=storage, clock=ManualClock(T0 + 3 * DAY), plugins=local_plugins()
    )
    yield desk
    desk.storage.close()


def _figures(desk: Desk, scope: Scope | None = None) -> tuple[int, int]:
    report = build_report(open_source(desk.storage), scope, now=T0 + 9 * DAY)
    data = report.to_json()
    return data["customers"], data["repeat_customers"]


def test_repeat_complainants_are_counted_within_the_scope(desk: Desk) -> None:
    # X complains on days 0, 1 and 2; Y once on day 1; Z twice on day 2
    for key, customer, day in [
        ("a", "X", 0),
        ("b", "X", 1),
        ("c", "Y", 1),
        ("d", "X", 2),
        ("e", "Z", 2),
        ("f", "Z", 2),
    ]:
        desk.intake(_complaint(key, customer, day))
    assert _figures(desk) == (3, 2)
    assert _figures(desk, Scope(since=T0 + DAY)) == (3, 2)
    assert _figures(desk, Scope(since=T0 + DAY, until=T0 + 2 * DAY)) == (2, 0)
    assert _figures(desk, Scope(since=T0 + 9 * DAY)) == (0, 0)
    text = render_text(build_report(open_source(desk.storage), now=T0 + 9 * DAY))
    assert "Repeat customers" in text
    assert "Repeat customers" in render_csv(build_report(open_source(desk.storage)))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(customers=st.lists(st.sampled_from("PQRST"), max_size=12))
def test_repeat_complainants_match_a_count_by_hand(tmp_path: Path, customers: list[str]) -> None:
    desk = Desk(
        GradingPolicy(),
        storage=f"sqlite:///{tmp_path / f'{len(list(tmp_path.iterdir()))}.db'}",
        clock=ManualClock(T0),
        plugins=local_plugins(),
    )
    with desk.storage:
        for n, customer in enumerate(customers):
            desk.intake(_complaint(f"k{n}", customer, 0))
        per_customer = Counter(customers)
        expected = (len(per_customer), sum(1 for n in per_customer.values() if n > 1))
        assert _figures(desk) == expected
