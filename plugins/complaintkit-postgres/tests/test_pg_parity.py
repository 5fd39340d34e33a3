"""PostgreSQL answers as the embedded stores do for the values most likely to differ:
Chinese, emoji and the longest texts; attributes with integers past 64 bits, nested
values and floats jsonb would rewrite; instants across a DST change and at the edges of
the years a complaint may be received in; compensation amounts with every digit a
policy allows. The same writes go to memory, SQLite and PostgreSQL, and every read (the
cases, their histories, the event feed page by page over HTTP, the money promised) is
compared, case ids aside; the hash chain verifies on each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import compile_section
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import MAX_TEXT_CHARS
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import CompensatingPolicy, make_complaint

#: The last instant a complaint may be received at, so every one below is in the past.
NOW = datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")
AGENT = "agent-token-0123456789"
TEXTS = [
    "\u9762\u5305\u91cc\u6709\u5f02\u7269\uff0c\u8981\u6c42\u9000\u6b3e",
    "\U0001f600\U0001f44d\U0001f3fd family \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "x" * MAX_TEXT_CHARS,
    "\u957f" * MAX_TEXT_CHARS,
    "\U0001f4e6" * MAX_TEXT_CHARS,
]
ATTRIBUTES: dict[str, Any] = {
    "big": 2**70,
    "negative": -(2**64) - 1,
    "nested": {"a": [1, {"b": [None, True, 1.5, "\U0001f600"]}], "empty": {}, "list": []},
    "tenth": 0.1,
    "huge": 1e300,
    "minus_zero": -0.0,
    "order": {"b": 1, "a": 2},
    "deep": [[[[[[["\u6df1"]]]]]]],
}
RECEIVED = [
    datetime(1900, 1, 1, tzinfo=UTC),
    datetime(1900, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),  # +08:05:43 local mean time
    datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK),  # the first 01:30 of the day
    datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),  # the second, an hour later
    datetime(2026, 3, 8, 3, 30, tzinfo=NEW_YORK),  # just after the skipped hour
]
VOUCHER = {"kind": "voucher", "amount": "123456789012345.99"}  # 15 digits and the cents
COMPENSATION = compile_section({"currency": "CNY", "rules": [{"id": "v", "remedies": [VOUCHER]}]})


def fill(storage: Storage) -> tuple[Desk, list[str]]:
    clock = ManualClock(NOW)
    desk = Desk(CompensatingPolicy(compensation=COMPENSATION), storage=storage, clock=clock)
    subject = "\U0001f600\u4e3b\u9898"
    complaints = [
        make_complaint(f"t{n}", text=text, attributes=ATTRIBUTES, subject=subject)
        for n, text in enumerate(TEXTS)
    ]
    complaints += [
        make_complaint(f"r{n}", received_at=at.isoformat(), attributes={"n": n})
        for n, at in enumerate(RECEIVED)
    ]
    ids = []
    for complaint in complaints:  # a second apart: every listing has one order
        clock.advance(timedelta(seconds=1))
        ids.append(desk.intake(complaint).id)
    again = desk.intake(make_complaint("t0", text=TEXTS[0], attributes=ATTRIBUTES, subject=subject))
    assert again.id == ids[0]  # idempotent intake
    for case_id in ids[:3]:
        desk.note(case_id, "\U0001f600 " + "\u6ce8" * 5000, actor="\u738b\u82b3")
        desk.propose_compensation(case_id, actor="lead")
        desk.offer_compensation(case_id, "comp-1", actor="lead")
        desk.accept_compensation(case_id, "comp-1", actor="customer")
    return desk, ids


def anonymous(value: object, ids: list[str]) -> str:
    """``value`` as JSON text with case ids numbered by intake order and hashes and tokens
    blanked: they differ between stores because each store's ids do. Keys are sorted:
    an object's keys have no order (``jsonb`` keeps its own, SQLite's events the
    canonical one)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    for n, case_id in enumerate(ids):
        text = text.replace(case_id, f"case-{n}")
    return re.sub(r'"(hash|prev_hash|last_hash|status_token)": ?"[^"]*"', r'"\1": "-"', text)


def feed_over_http(desk: Desk) -> list[Any]:
    """Every event of ``GET /events``, three at a time, following each page's cursor."""
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    pages: list[Any] = []
    with running_server(app) as url, httpx.Client(base_url=url) as client:
        cursor = ""
        while True:
            page = client.get(
                "/events",
                params={"after": cursor, "limit": 3},
                headers={"Authorization": f"Bearer {AGENT}"},
            )
            assert page.status_code == 200
            if not page.json()["events"]:
                return pages
            pages += page.json()["events"]
            cursor = page.json()["cursor"]


def reads(storage: Storage) -> dict[str, Any]:
    desk, ids = fill(storage)
    histories = [desk.history(case_id) for case_id in ids]
    assert all(event.compute_hash() == event.hash for history in histories for event in history)
    return {
        "cases": anonymous([desk.get(case_id).to_json() for case_id in ids], ids),
        "events": anonymous([[e.to_json() for e in history] for history in histories], ids),
        "feed": anonymous(feed_over_http(desk), ids),
        "promised": storage.compensation_total("C1", NOW - timedelta(days=1), "CNY", ("voucher",)),
    }


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[list[dict[str, Any]]]:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as sqlite:
        yield [reads(MemoryStorage()), reads(sqlite)]


def test_postgres_reads_back_what_the_embedded_stores_do(
    embedded: list[dict[str, Any]], postgres_url: str
) -> None:
    memory, sqlite = embedded
    with PostgresStorage(postgres_url) as storage:
        postgres = reads(storage)
    assert sqlite == memory
    for name in memory:
        assert postgres[name] == memory[name], name


def test_an_offset_with_a_fraction_of_a_second_is_refused_as_on_the_embedded_stores(
    postgres_url: str,
) -> None:
    """The embedded stores kept it; PostgreSQL failed with its driver's error."""
    written = "2026-01-01T00:00:00+01:00:00.5"
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        with pytest.raises(InvalidInput) as refused:
            desk.intake(make_complaint("k", received_at=written))
        assert refused.value.field == "received_at"
        assert list(storage.case_ids()) == []
