"""A chart writes a count as the count: a bar of 1,234,567 complaints (the CFPB database
holds millions, a category hundreds of thousands) was titled ``1.23e+06`` and the axis
ticks read ``2e+06``: an exponent no reader of a complaints report reads as a number, and
a count rounded to three digits where the table beside it gives it exactly. Counts and
ticks are written in plain digits, as the report's tables write them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports.svg import Series, bar_chart, line_chart

EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9]")


def _titles_and_ticks(svg: str) -> str:
    return " ".join(re.findall(r">([^<>]*)<", svg))


@given(counts=st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=5))
def test_bar_counts_and_ticks_are_plain_digits(counts: list[int]) -> None:
    labels = [f"c{i}" for i in range(len(counts))]
    svg = bar_chart("t", labels, [Series("count", counts, "#000")], "x", "y")
    texts = _titles_and_ticks(svg)
    assert EXPONENT.search(texts) is None, texts
    for label, count in zip(labels, counts, strict=True):
        assert f"{label}: {count}<" in svg


@given(counts=st.lists(st.integers(min_value=0, max_value=10**10), min_size=2, max_size=5))
def test_line_ticks_are_plain_digits(counts: list[int]) -> None:
    labels = [f"2026-01-0{i + 1}" for i in range(len(counts))]
    svg = line_chart("t", labels, [Series("count", counts, "#000")], "day", "count")
    assert EXPONENT.search(_titles_and_ticks(svg)) is None
