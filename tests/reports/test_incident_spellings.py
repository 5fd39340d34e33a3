# ruff: noqa: RUF001, RUF002 -- full-width forms are what these tests are about
"""One product typed several ways is one incident, on every backend.

A Chinese input method in full-width mode types ``ＭＩＬＫ－１`` for ``MILK-1``; agents and
customers type either case and leave spaces around. Incidents key such spellings alike
and show the most frequent one (ties: the first seen).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import T0, H, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.batches import BatchWatcher
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.storage.base import Storage

RULE = WindowRule("product", 3, 24)
LOT = WindowRule("attributes.lot", 3, 24)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    storage: str | Storage = "memory:"
    if request.param == "sqlite":
        storage = f"sqlite:///{tmp_path / 'cases.db'}"
    elif request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    plugins = local_plugins()
    plugins.pm.register(BatchWatcher([RULE, LOT]))
    desk = Desk(storage=storage, clock=ManualClock(T0), plugins=plugins)
    yield desk
    desk.storage.close()


def arrive(desk: Desk, hours: float, product: str, **attributes: str) -> str:
    at = T0 + hours * H
    desk.clock.set(at)  # type: ignore[attr-defined]
    key = f"k{hours}"
    return desk.intake(complaint(key, "web", at, product, **attributes)).id


def batches(desk: Desk, rule: WindowRule = RULE) -> list[tuple[str, tuple[str, ...]]]:
    source = open_source(desk.storage)
    try:
        return [(b.value, b.case_ids) for b in detect_batches(source, rule, Scope())]
    finally:
        if isinstance(source, SQLiteReportSource):
            source.close()


def raised(desk: Desk, case_ids: list[str]) -> list[str]:
    return [
        e.data["value"]
        for case_id in case_ids
        for e in desk.storage.events(case_id)
        if e.kind == "incident_detected"
    ]


def test_full_width_case_and_spaces_are_one_product(desk: Desk) -> None:
    ids = [
        arrive(desk, 0, "ＭＩＬＫ－１"),
        arrive(desk, 1, "milk-1"),
        arrive(desk, 2, " MILK-1 "),
        arrive(desk, 3, "MILK-1"),
        arrive(desk, 4, "MILK-1"),
    ]
    arrive(desk, 5, "MILK-2")
    assert batches(desk) == [("MILK-1", tuple(ids))]
    assert raised(desk, ids) == ["ＭＩＬＫ－１"]  # the live alert, at the third case


def test_a_tie_shows_the_spelling_seen_first(desk: Desk) -> None:
    ids = [arrive(desk, h, p) for h, p in enumerate(["milk-1", "ＭＩＬＫ－１", "Milk-1"])]
    assert batches(desk) == [("milk-1", tuple(ids))]


def test_attribute_values_fold_alike(desk: Desk) -> None:
    ids = [
        arrive(desk, h, f"SKU-{h}", lot=lot)
        for h, lot in enumerate(["LOT-7", "ｌｏｔ－７", "lot-7 "])
    ]
    assert batches(desk, LOT) == [("LOT-7", tuple(ids))]
