"""The shares a breakdown shows add up to 100% exactly, in the text table, the CSV and the
HTML. Each was rounded on its own, so many small groups summed to far more or less than all
the cases (726 companies: 122.6%, or 72.6%). They are now rounded together, to as many
places as the smallest group needs to show as more than none: each is the step between
rounded cumulative shares, so within one unit of its true share, and the cumulative column
is their running sum; the JSON keeps the exact shares."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report, pareto
from complaintkit.reports.scope import Scope
from complaintkit.reports.table import render_csv, render_text

NOW = datetime(2026, 11, 30, 23, tzinfo=UTC)
#: 500 companies of 3 complaints and 226 of 1: each share rounded alone summed to 122.6%
COMPANIES = [3] * 500 + [1] * 226


def _report(counts: list[int]) -> Report:
    shares = pareto({f"company-{i:04d}": n for i, n in enumerate(counts)})
    return Report(
        scope=Scope(),
        generated_at=NOW,
        total=sum(counts),
        breakdowns={"category": shares, "product": [], "channel": []},
        durations={},
        sla=[],
        escalation=[],
        reopened=0,
        satisfaction={},
        compensation=[],
        root_causes=[],
        natures={},
        daily={},
        spikes=[],
        batches=[],
        workload={},
        late=[],
    )


def _csv_rows(report: Report) -> list[list[str]]:
    """The (name, count, share, cumulative) rows of the category breakdown, in order."""
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    return [row[1:] for row in rows if row[0] == "Category" and row[1] != "Category"]


def _percent(text: str) -> Decimal:
    assert text.endswith("%"), text
    return Decimal(text[:-1])


def test_many_small_groups_add_up_to_all_the_cases_in_every_format() -> None:
    report = _report(COMPANIES)
    shares = [_percent(row[2]) for row in _csv_rows(report)]
    assert sum(shares) == 100
    text = render_text(report)
    page = render_html(report, "en")
    for row in _csv_rows(report)[:3] + _csv_rows(report)[-3:]:
        assert re.search(rf"{re.escape(row[0])}\s.*\b{row[1]}\s+{re.escape(row[2])}", text)
        assert f'<td dir="auto">{row[2]}</td><td dir="auto">{row[3]}</td>' in page
    assert _csv_rows(report)[-1][3] == "100.00%"


def test_the_json_keeps_each_exact_share() -> None:
    report = _report(COMPANIES)
    shown = json.loads(json.dumps(report.to_json()))["breakdowns"]["category"]
    assert shown[0]["share"] == 3 / 1726


@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=300))
def test_shown_shares_add_up_to_100_and_each_is_within_one_unit(counts: list[int]) -> None:
    rows = _csv_rows(_report(counts))
    shown = [_percent(row[2]) for row in rows]
    assert sum(shown) == 100
    places = -int(shown[0].as_tuple().exponent)
    unit = Fraction(1, 10**places)
    total = sum(counts)
    for row, share in zip(rows, shown, strict=True):
        true = Fraction(100 * int(row[1]), total)
        assert abs(Fraction(share) - true) < unit, (row, true)
        assert share > 0  # a part is never shown as none
        assert share < 100 or len(counts) == 1  # nor as all
    cumulative = [_percent(row[3]) for row in rows]
    assert cumulative == [sum(shown[: i + 1]) for i in range(len(shown))]
    counted = 0
    for row, running in zip(rows, cumulative, strict=True):
        counted += int(row[1])
        assert abs(Fraction(running) - Fraction(100 * counted, total)) <= unit / 2
