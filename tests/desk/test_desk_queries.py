"""What the Python API's look-ups accept: a bad filter or page size is refused by name, the
same on every backend — never a driver's error, and never read differently by one backend
(SQLite took a negative limit as no limit, and a naive instant in the server's zone)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.storage.base import CaseQuery
from complaintkit.testing.storage_contract import make_complaint


@pytest.fixture(params=["memory:", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    url = request.param if request.param == "memory:" else f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("a"))
    return desk


BAD_FILTERS = [
    ("limit", -3),
    ("limit", 2**63),
    ("limit", 10**20),
    ("limit", "5"),
    ("limit", 2.5),
    ("limit", True),
    ("opened_since", datetime(2026, 1, 1)),  # noqa: DTZ001 -- a naive instant, refused
    ("opened_since", "2026-01-01"),
    ("customer_id", 5),
    ("owner", b"li.na"),
    ("category", ["food"]),
    ("open_only", "no"),
]


@pytest.mark.parametrize(("name", "value"), BAD_FILTERS)
def test_a_bad_filter_is_refused_by_name(desk: Desk, name: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        desk.find(**{name: value})
    assert refused.value.field == name


def test_an_unknown_filter_is_refused_naming_the_known_ones(desk: Desk) -> None:
    with pytest.raises(InvalidInput, match="customer_id") as refused:
        desk.find(customer="c1")
    assert refused.value.field == "customer"


@pytest.mark.parametrize("limit", [0, 1, 2**63 - 1])
def test_every_limit_in_range_is_read_alike(desk: Desk, limit: int) -> None:
    assert len(desk.find(limit=limit)) == min(limit, 1)


@pytest.mark.parametrize("limit", [0, -1, 2**63, "10", None, 1.0, True])
def test_a_bad_page_size_of_events_is_refused(desk: Desk, limit: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        desk.events_since(None, limit)
    assert refused.value.field == "limit"


def test_a_query_checks_itself() -> None:
    with pytest.raises(InvalidInput):
        CaseQuery(limit=-1)
