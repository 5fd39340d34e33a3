"""Real Chinese food-delivery complaints through a month of lifecycles, every figure by hand.

The negative reviews of ``waimai_10k.csv`` (read in place from ``../shared/data``; skipped
without it) are taken in under the shipped online-shop policy across a year end, at three
UTC offsets, with money in CNY and — through a copy of the policy paying in USD — in USD.
They are answered, resolved, reopened and resolved again, withdrawn, rejected, compensated
and followed up on a fixed schedule. The test recomputes the report's figures from that
schedule with plain Python (Shanghai days, nearest-rank percentiles, Decimal sums per
currency) and compares them with the report on memory, SQLite and PostgreSQL, which must
also agree with each other on every figure.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.storage.base import Storage

WAIMAI = Path(__file__).resolve().parents[3] / "shared" / "data" / "zh" / "waimai_10k.csv"
SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 12, 29, 10, 0, tzinfo=SHANGHAI)  # a Monday; the cases run into 2026
H = timedelta(hours=1)
NOW = T0 + 400 * H
CASES = 24
OFFSETS = (SHANGHAI, UTC, timezone(timedelta(hours=-5)))

pytestmark = pytest.mark.skipif(not WAIMAI.exists(), reason=f"no waimai reviews at {WAIMAI}")

#: What happens to complaint i, by i % 6: (hours after receipt, action[, argument]).
SCHEDULES: dict[int, tuple[tuple[Any, ...], ...]] = {
    0: ((2, "respond"), (30, "resolve"), (31, "follow_up")),
    1: ((5, "respond"), (20, "resolve"), (40, "reopen"), (50, "resolve"), (51, "follow_up")),
    2: ((1, "withdraw"),),
    3: ((3, "reject"),),
    4: ((26, "respond"), (27, "compensate"), (60, "resolve")),
    5: (),
}


def _reviews() -> list[str]:
    """The first negative reviews; those compensated are about slow delivery (送餐慢), which
    earns a voucher of 5 % of the amount, so money is given in both currencies."""
    with WAIMAI.open(encoding="utf-8", newline="") as handle:
        negative = [row["review"] for row in csv.DictReader(handle) if row["label"] == "0"]
    slow = iter([review for review in negative if "送餐慢" in review])
    others = iter([review for review in negative if "送餐慢" not in review])
    return [next(slow if i % 6 == 4 else others) for i in range(CASES)]


def _received(i: int) -> datetime:
    return T0 + i * 7 * H


def _amount(i: int) -> dict[str, str]:
    return {"amount": f"{i * 37 % 500}.99", "currency": "USD" if i % 4 == 0 else "CNY"}


def _desks(storage: str | Storage, tmp_path: Path) -> tuple[Desk, Desk, ManualClock]:
    """A desk paying in CNY and one, on the same store and clock, paying in USD."""
    clock = ManualClock(T0)
    usd = tmp_path / "online-shop-usd.yaml"
    usd.write_text(
        SHOP.read_text(encoding="utf-8").replace("  currency: CNY", "  currency: USD"),
        encoding="utf-8",
    )
    cny = Desk(load_policy(SHOP), storage=storage, clock=clock)
    return cny, Desk(load_policy(usd), storage=cny.storage, clock=clock), clock


def _compensate(desk: Desk, case_id: str) -> None:
    entry = desk.propose_compensation(case_id, actor="lin.kefu").compensation[-1]
    for role in entry["approvals_needed"]:
        desk.approve_compensation(case_id, entry["id"], role=role, actor="zhou.zhuguan")
    desk.offer_compensation(case_id, entry["id"], actor="lin.kefu")
    desk.accept_compensation(case_id, entry["id"], actor="customer")


def _played(storage: str | Storage, tmp_path: Path) -> tuple[Desk, list[str]]:
    cny, usd, clock = _desks(storage, tmp_path)
    ids = []
    for i, text in enumerate(_reviews()):
        clock.set(_received(i))
        received = _received(i).astimezone(OFFSETS[i % 3]).isoformat()
        complaint = {
            "channel": "app" if i % 2 else "wechat",
            "external_id": f"waimai-{i}",
            "received_at": received,
            "customer": {"id": f"diner-{i}"},
            "text": text,
            "product": "外卖",
            "amount": _amount(i),
        }
        ids.append(cny.intake(complaint).id)
    steps = sorted(
        (_received(i) + hours * H, i, action)
        for i in range(CASES)
        for hours, action in SCHEDULES[i % 6]
    )
    for at, i, action in steps:
        clock.set(at)
        desk = usd if _amount(i)["currency"] == "USD" else cny
        _act(desk, ids[i], i, action)
    return cny, ids


def _act(desk: Desk, case_id: str, i: int, action: str) -> None:
    actions: dict[str, Callable[[], object]] = {
        "respond": lambda: desk.respond(case_id, "您好\uff0c我们在处理", actor="lin.kefu"),
        "resolve": lambda: desk.resolve(case_id, "已退款并致歉", actor="lin.kefu"),
        "reopen": lambda: desk.reopen(case_id, actor="lin.kefu", reason="顾客说还没到账"),
        "follow_up": lambda: desk.follow_up(case_id, i % 5 + 1, actor="lin.kefu"),
        "withdraw": lambda: desk.transition(case_id, "withdrawn", actor="customer"),
        "reject": lambda: desk.transition(case_id, "rejected", actor="lin.kefu", reason="重复"),
        "compensate": lambda: _compensate(desk, case_id),
    }
    actions[action]()


def _report(desk: Desk) -> dict[str, Any]:
    source = open_source(desk.storage)
    try:
        return build_report(source, zone=desk.zone, now=NOW).to_json()
    finally:
        getattr(source, "close", lambda: None)()


def _hours_after(i: int, action: str, last: bool = False) -> float | None:
    times = [hours for hours, done in SCHEDULES[i % 6] if done == action]
    return None if not times else float(times[-1] if last else times[0])


def _nearest_rank(values: list[float]) -> dict[str, float | None]:
    ordered = sorted(values)
    return {
        f"p{p}_hours": ordered[math.ceil(p / 100 * len(ordered)) - 1] if ordered else None
        for p in (50, 90, 99)
    }


@pytest.fixture(
    name="played", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def played_fixture(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Desk, list[str]]]:
    storage: str | Storage = (
        "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    )
    if request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    desk, ids = _played(storage, tmp_path)
    yield desk, ids
    desk.storage.close()


def test_counts_and_days_are_the_schedules(played: tuple[Desk, list[str]]) -> None:
    desk, ids = played
    report = _report(desk)
    cases = [desk.get(case_id) for case_id in ids]
    assert report["total"] == CASES
    assert {row["key"]: row["count"] for row in report["breakdowns"]["category"]} == Counter(
        case.category for case in cases
    )
    assert {row["key"]: row["count"] for row in report["breakdowns"]["channel"]} == {
        "wechat": 12,
        "app": 12,
    }
    # each complaint on its Shanghai day, whatever offset it was written with
    days = Counter((case.category, _received(i).date().isoformat()) for i, case in enumerate(cases))
    assert {
        (series["key"], day): n for series in report["daily"] for day, n in series["days"].items()
    } == days
    assert min(day for _, day in days) == "2025-12-29"
    assert max(day for _, day in days) == "2026-01-05"
    assert (report["reopened"], report["reopen_rate"]) == (4, 4 / CASES)


def test_times_satisfaction_and_money_are_the_schedules(played: tuple[Desk, list[str]]) -> None:
    desk, ids = played
    report = _report(desk)
    responded = [_hours_after(i, "respond") for i in range(CASES)]
    first = [h for h in responded if h is not None]
    resolved = [_hours_after(i, "resolve", last=True) for i in range(CASES)]
    durations = report["durations"]
    assert durations["first_response"] == {
        "basis": "calendar",
        "count": len(first),
        **_nearest_rank(first),
    }
    assert durations["resolution"] == {
        "basis": "calendar",
        "count": 12,
        **_nearest_rank([h for h in resolved if h is not None]),
    }
    scores = [i % 5 + 1 for i in range(CASES) if _hours_after(i, "follow_up") is not None]
    satisfaction = report["satisfaction"]
    assert satisfaction["responses"] == len(scores) == 8
    assert satisfaction["average"] == pytest.approx(sum(scores) / len(scores))
    assert satisfaction["distribution"] == {str(s): scores.count(s) for s in range(1, 6)}
    given: dict[str, Decimal] = {}
    for case_id in ids:
        for entry in desk.get(case_id).compensation:
            assert entry["status"] == "accepted"
            for remedy in entry["decision"]["remedies"]:
                if remedy["amount"] is not None:
                    money = remedy["amount"]
                    total = given.get(money["currency"], Decimal(0))
                    given[money["currency"]] = total + Decimal(money["amount"])
    assert set(given) == {"CNY", "USD"}  # never summed together
    assert {c: Decimal(t["given"]) for c, t in report["compensation_totals"].items()} == given
    assert all(t["given"] == f"{given[c]:.2f}" for c, t in report["compensation_totals"].items())


@pytest.mark.postgres
def test_every_backend_reports_the_same_figures(tmp_path: Path, postgres_url: str) -> None:
    reports = []
    backends: list[str | Storage] = [
        "memory:",
        f"sqlite:///{tmp_path / 'cases.db'}",
        PostgresStorage(postgres_url),
    ]
    for n, storage in enumerate(backends):
        folder = tmp_path / str(n)
        folder.mkdir()
        desk, _ = _played(storage, folder)
        try:
            text = json.dumps(_report(desk), ensure_ascii=False)  # in order, as --json prints
            for case_id in desk.storage.case_ids():  # with the incident's own case
                text = text.replace(case_id, desk.get(case_id).complaint.external_id)
        finally:
            desk.storage.close()
        reports.append(text)
    assert reports[1] == reports[0]
    assert reports[2] == reports[0]
