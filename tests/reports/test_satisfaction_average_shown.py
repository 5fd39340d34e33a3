"""The average satisfaction in the text, CSV and HTML summary never reads as every answer
the best or the worst score when one was not: 999 answers of 5 and one of 1 average
4.996, which two places wrote ``5.00``, a perfect score no manager should read there."""

from __future__ import annotations

import csv
import io

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text
from complaintkit.storage.memory import MemoryStorage


def _report(scores: dict[int, int]) -> Report:
    return attrs.evolve(build_report(open_source(MemoryStorage())), satisfaction=scores)


def _shown(report: Report) -> str:
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    header, row = rows[0], rows[1]
    return row[header.index(label("satisfaction", "en"))]


@pytest.mark.parametrize(
    ("scores", "shown"),
    [
        ({5: 999, 1: 1}, "4.996"),
        ({5: 99_999, 4: 1}, "4.99999"),
        ({1: 999, 2: 1}, "1.001"),
        ({5: 3}, "5.00"),
        ({1: 2}, "1.00"),
        ({4: 1, 3: 1}, "3.50"),
        ({5: 2, 4: 1}, "4.67"),
    ],
)
def test_the_average_is_shown_never_as_all_best_or_all_worst(
    scores: dict[int, int], shown: str
) -> None:
    report = _report(scores)
    assert _shown(report) == shown
    assert f"  {shown}  " in render_text(report)
    assert f">{shown}</td>" in render_html(report)


@given(st.dictionaries(st.integers(1, 5), st.integers(1, 10**6), min_size=1))
def test_only_unanimous_answers_show_the_ends_of_the_scale(scores: dict[int, int]) -> None:
    report = _report(scores)
    shown = _shown(report)
    average = report.satisfaction_average
    assert average is not None
    assert float(shown) == pytest.approx(average, abs=0.005)
    assert (shown == "5.00") == (set(scores) == {5})
    assert (shown == "1.00") == (set(scores) == {1})
