"""A spike's Poisson p in the text, CSV and HTML reports reads as a plain decimal: ``1e-05``
is no number to a manager, and a spreadsheet may take ``1E-05`` for a formula fragment or
a date; a p too small to matter is shown as below the smallest shown, never as 0."""

from __future__ import annotations

import csv
import io
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label
from complaintkit.reports.table import render_csv, render_text
from complaintkit.reports.trends import Spike
from complaintkit.storage.memory import MemoryStorage

#: p → what every report shows (two significant digits, or below the smallest shown)
SHOWN = {
    0.5: "0.50",
    0.04: "0.040",
    0.0123: "0.012",
    0.00012: "0.00012",
    0.0001: "0.00010",
    0.00001: "< 0.0001",
    3e-12: "< 0.0001",
    0.0: "< 0.0001",
}


def _report(p: float):  # type: ignore[no-untyped-def]
    storage = MemoryStorage()
    spike = Spike("category", "product", date(2026, 3, 2), 40, 2.0, 1.0, 5.0, p)
    return attrs.evolve(build_report(open_source(storage)), spikes=[spike])


def _csv_p(report) -> str:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(render_csv(report).lstrip("\ufeff"))))
    spikes = [r for r in rows if r[0] == label("spikes", "en")]
    header, row = spikes[0], spikes[1]
    return row[header.index(label("p_value", "en"))]


@pytest.mark.parametrize(("p", "shown"), SHOWN.items())
def test_every_format_shows_p_as_a_decimal(p: float, shown: str) -> None:
    report = _report(p)
    assert _csv_p(report) == shown
    text_row = next(line for line in render_text(report).splitlines() if "2026-03-02" in line)
    assert text_row.rstrip().endswith(shown)
    assert f">{shown.replace('<', '&lt;')}</td>" in render_html(report)


@given(st.floats(min_value=0.0, max_value=1.0))
def test_a_shown_p_is_never_in_exponent_form(p: float) -> None:
    shown = _csv_p(_report(p))
    assert "e" not in shown.lower()
    if shown.startswith("<"):
        assert p < 0.0001
    else:
        assert float(shown) == pytest.approx(p, rel=0.05, abs=5e-6)
