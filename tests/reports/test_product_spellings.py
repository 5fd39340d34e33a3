# ruff: noqa: RUF001, RUF002 -- full-width forms are what these tests are about
"""A report counts one product typed several ways as one product, on every backend.

Incidents already key ``ＭＩＬＫ－１``, ``milk-1`` and `` MILK-1 `` alike; the breakdown,
``--by product``, the spikes and a ``--product`` filter of the same report must too, and
show the spelling most cases have (ties: the first received).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import (
    IncidentPolicy,
    Report,
    Scope,
    SpikeRule,
    build_report,
    open_source,
)
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.scope import Dimension
from complaintkit.storage.base import Storage

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
SPIKES = IncidentPolicy((), (SpikeRule("product", baseline_days=3, min_count=5),))
MILK = ["ＭＩＬＫ－１", "milk-1", " MILK-1 ", "MILK-1", "MILK-1", "Milk-1\u200b"]


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    url: str | Storage
    if request.param == "postgres":
        url = PostgresStorage(request.getfixturevalue("postgres_url"))
    else:
        url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url, clock=ManualClock(START), plugins=local_plugins())
    yield desk
    desk.storage.close()


def arrive(desk: Desk, at: datetime, product: str, channel: str = "web") -> None:
    desk.clock.set(max(at, desk.clock.now()))  # type: ignore[attr-defined]
    desk.intake(complaint(f"k{sum(1 for _ in desk.storage.case_ids())}", channel, at, product))


def report(desk: Desk, scope: Scope | None = None, spikes: IncidentPolicy = SPIKES) -> Report:
    source = open_source(desk.storage)
    try:
        return build_report(source, scope, incidents=spikes, by=[GroupBy("product")])
    finally:
        getattr(source, "close", lambda: None)()


def shares(report: Report, name: Dimension = "product") -> list[tuple[str | None, int]]:
    return [(share.key, share.count) for share in report.breakdowns[name]]


def test_the_breakdown_counts_a_product_however_typed(desk: Desk) -> None:
    for i, product in enumerate([*MILK, "MILK-2"]):
        arrive(desk, START + i * MINUTE, product)
    found = report(desk)
    assert shares(found) == [("MILK-1", 6), ("MILK-2", 1)]
    assert [(s.key, s.count) for s in found.by["product"]] == [("MILK-1", 6), ("MILK-2", 1)]


def test_a_tie_shows_the_spelling_received_first(desk: Desk) -> None:
    # stored out of receipt order: the first received spelling wins, not the first stored
    arrive(desk, START + 2 * MINUTE, "Milk-1")
    arrive(desk, START + MINUTE, "ＭＩＬＫ－１")
    arrive(desk, START + 3 * MINUTE, "ＭＩＬＫ－１")
    arrive(desk, START, "Milk-1")
    assert shares(report(desk)) == [("Milk-1", 4)]


def test_spellings_received_at_one_instant_show_the_least(desk: Desk) -> None:
    for product in ["milk-1", "MILK-1", "ＭＩＬＫ－１"]:
        arrive(desk, START, product)
    assert shares(report(desk)) == [("MILK-1", 3)]


def test_a_product_filter_matches_every_spelling(desk: Desk) -> None:
    for i, product in enumerate([*MILK, "MILK-2", "milk-10"]):
        arrive(desk, START + i * MINUTE, product)
    found = report(desk, Scope(product="milk-1"))
    assert found.total == 6
    assert shares(found) == [("MILK-1", 6)]
    assert report(desk, Scope(product="ＭＩＬＫ－２")).total == 1
    assert report(desk, Scope(product="MILK-3")).total == 0


def test_a_surge_typed_several_ways_is_a_spike(desk: Desk) -> None:
    arrive(desk, START, "P2")  # the store's first day: the days after it are known quiet
    for i, product in enumerate(MILK[:5]):
        arrive(desk, START + 3 * DAY + i * MINUTE, product)
    assert [(s.key, s.count) for s in report(desk).spikes] == [("MILK-1", 5)]


def test_the_usual_volume_typed_another_way_is_no_spike(desk: Desk) -> None:
    for day in range(4):
        for i in range(5):
            arrive(desk, START + day * DAY + i * MINUTE, "milk-1")
    for i in range(6):
        arrive(desk, START + 4 * DAY + i * MINUTE, "MILK-1")
    assert report(desk).spikes == []
    assert report(desk, Scope(since=START + 4 * DAY)).spikes == []


def test_channels_and_categories_are_counted_as_written(desk: Desk) -> None:
    for i, channel in enumerate(["web", "WEB", " web"]):
        arrive(desk, START + i * MINUTE, "P", channel)
    found = report(desk)
    assert sorted(shares(found, "channel")) == [(" web", 1), ("WEB", 1), ("web", 1)]
    assert report(desk, Scope(channel="WEB")).total == 1
