"""The CSV, the HTML, the text table and ``--json`` of one report give the same figures: a
manager comparing the spreadsheet with the page, or a script reading the JSON, must not
find two answers. Random stores — Chinese, blank-looking and formula-like products, two
channels, replies, resolutions, reopenings, remedies in two currencies, refused input and
undelivered notifications — are reported once and every format read back."""

from __future__ import annotations

import csv
import io
import json
from contextlib import suppress
from datetime import timedelta
from decimal import Decimal
from html import unescape

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text

H = timedelta(hours=1)
PRODUCTS = (
    None,
    "牛奶-1",
    "\uff2d\uff29\uff2c\uff2b\uff0d\uff11",
    "酸奶 (500g)",
    "=SUM(1)",
    "Milk-1",
    "产品甲",
)
ACTIONS = ("none", "respond", "resolve", "reopen", "withdraw")


@attrs.frozen
class Step:
    key: str
    channel: str
    product: str | None
    action: str
    hours: int


_STEPS = st.lists(
    st.builds(
        Step,
        st.sampled_from("ABCDX"),
        st.sampled_from(["web", "微信"]),
        st.sampled_from(PRODUCTS),
        st.sampled_from(ACTIONS),
        st.integers(0, 60),
    ),
    max_size=8,
)
_LETTERS = st.lists(
    st.tuples(
        st.sampled_from(["http:web:r", "jsonl:a.jsonl:1", "csv:b.csv:2", "notify:mail:d"]),
        st.integers(0, 3),
    ),
    max_size=4,
)


def _store(steps: list[Step], letters: list[tuple[str, int]]) -> Report:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    first: dict[tuple[str, str], str | None] = {}  # a key taken in again repeats its complaint
    for step in steps:
        at = T0 + step.hours * H
        clock.set(max(clock.now(), at))
        product = first.setdefault((step.channel, step.key), step.product)
        case_id = desk.intake(complaint(step.key, step.channel, at, product)).id
        with suppress(ComplaintkitError):  # a step out of turn (on a case taken in again)
            _act(desk, case_id, step.action)
    for n, (source, reason) in enumerate(letters):
        desk.storage.dead_letter(f"{source}{n}", b"{}", f"理由 {reason}", T0 + n * H)
    return build_report(open_source(desk.storage), now=T0 + 100 * H)


def _act(desk: Desk, case_id: str, action: str) -> None:
    if action in ("respond", "resolve", "reopen"):
        desk.respond(case_id, "已收到", actor="li.na")
    if action in ("resolve", "reopen"):
        desk.resolve(case_id, "换货", actor="li.na")
    if action == "reopen":
        desk.reopen(case_id, actor="li.na", reason="又坏了")
    elif action == "withdraw":
        desk.transition(case_id, "withdrawn", actor="customer")


def _csv_sections(text: str) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        rows.setdefault(row[0], []).append(row[1:])
    return {title: body[1:] for title, body in rows.items()}  # the header row left out


def _unquoted(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_STEPS, _LETTERS, st.sampled_from(["en", "zh"]))
def test_every_format_gives_the_same_figures(
    steps: list[Step], letters: list[tuple[str, int]], lang: str
) -> None:
    report = _store(steps, letters)
    data = json.loads(json.dumps(report.to_json()))
    tables = _csv_sections(render_csv(report, lang))  # type: ignore[arg-type]
    page = unescape(render_html(report, lang))  # type: ignore[arg-type]
    text = render_text(report, lang)  # type: ignore[arg-type]

    def L(name: str) -> str:  # as the renderers name sections
        return label(name, lang)  # type: ignore[arg-type]

    (summary,) = tables[L("title")]
    assert int(summary[0]) == data["total"]
    assert int(summary[1]) == data["reopened"]
    assert int(summary[5]) == data["customers"]
    for dimension, shares in data["breakdowns"].items():
        rows = tables.get(L(dimension), [])
        assert [int(r[1]) for r in rows] == [s["count"] for s in shares], dimension
        assert sum(int(r[1]) for r in rows) == data["total"], dimension
        for row in rows:
            assert _unquoted(row[0]) in page, row[0]
            assert _unquoted(row[0]) in text, row[0]
    for kind in ("dead_letters", "undelivered"):
        refused = tables.get(L(kind), [])
        assert sum(int(r[1]) for r in refused) == data[kind]["total"]
        assert {r[0]: int(r[1]) for r in refused} == data[kind]["by_reason"]
        for reason in data[kind]["by_reason"]:
            assert reason in page
            assert reason in text
    sla = {r[0]: [int(n) for n in r[1:5]] for r in tables.get(L("sla"), [])}
    assert sorted(map(list, sla.values())) == sorted(
        [s["met"], s["breached"], s["running"], s["cancelled"]] for s in data["sla"]
    )
    given_money = {
        r[1]: Decimal(r[3]) for r in tables.get(L("compensation"), []) if r[0] == L("all_remedies")
    }
    assert given_money == {c: Decimal(t["given"]) for c, t in data["compensation_totals"].items()}
