"""A percentage in the text table, the CSV and the HTML never shows a part as all or as
none: 1999 first responses in time and one late was ``Attainment 100.0%`` (rounded to one
place), a breach the SLA table then hid; 1 case reopened of 2001 was ``0.0%``. Such a share
is now shown to as many more places as it takes (``99.95%``, ``0.05%``)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports.metrics import Report, SlaAttainment
from complaintkit.reports.scope import Scope
from complaintkit.reports.table import render_csv, render_text

NOW = datetime(2026, 11, 30, 23, tzinfo=UTC)


def _report(met: int, breached: int, reopened: int = 0, total: int = 0) -> Report:
    return Report(
        scope=Scope(),
        generated_at=NOW,
        total=total,
        breakdowns={},
        durations={},
        sla=[SlaAttainment("first_response", met, breached, running=0)],
        escalation=[],
        reopened=reopened,
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


def _attainment(report: Report) -> str:
    rows = csv.reader(io.StringIO(render_csv(report)))
    return next(row for row in rows if row[0] == "SLA attainment" and row[1] != "Metric")[-1]


def test_one_late_answer_in_two_thousand_is_not_all_in_time() -> None:
    report = _report(met=1999, breached=1)
    assert _attainment(report) == "99.95%"
    assert "99.95%" in render_text(report)


def test_one_reopened_case_in_two_thousand_and_one_is_not_none() -> None:
    rows = csv.reader(io.StringIO(render_csv(_report(1, 0, reopened=1, total=2001))))
    summary = next(row for row in rows if row[0] == "Complaint report" and row[1] != "Cases")
    assert summary[3] == "0.05%"  # the reopen rate


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_attainment_shows_all_or_none_only_when_it_is(met: int, breached: int) -> None:
    shown = _attainment(_report(met, breached))
    if met + breached == 0:
        assert shown == "-"
        return
    assert (shown == "100.0%") == (breached == 0)
    assert (shown == "0.0%") == (met == 0)
    # still the share, to the places shown
    places = len(shown.rstrip("%").partition(".")[2])
    assert abs(float(shown.rstrip("%")) - 100 * met / (met + breached)) <= 10**-places / 2 + 1e-9
