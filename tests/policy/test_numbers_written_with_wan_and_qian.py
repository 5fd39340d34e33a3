"""An amount an SOP writes with 万, 千 or 百 (``==: 1万``, ``1.5万``, ``3千``, ``两百``,
``一万五``): text to YAML, which no amount equals, or which a comparison cannot read. It
was refused with a generic hint ('followed by a bare number', ''>' takes a number'); the
hint now writes the number meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from one_row import condition_errors

from complaintkit.policy.chinese_numerals import chinese_number, number_in_words


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("1万", "10000"),
        ("1.5万", "15000"),
        ("3千", "3000"),
        ("两百", "200"),
        ("一万", "10000"),
        ("一万五", "15000"),
        ("两千五", "2500"),
        ("一万二千", "12000"),
        ("一千零五", "1005"),
        ("十万", "100000"),
        ("2.5千", "2500"),
        ("0.5万", "5000"),
    ],
)
@pytest.mark.parametrize("operator", ["==", "'>'"])
def test_the_hint_writes_the_number_meant(
    tmp_path: Path, written: str, number: str, operator: str
) -> None:
    ((path, _, hint),) = condition_errors(
        tmp_path, f"field: complaint.amount, {operator}: {written}"
    )
    assert path == f"classification.rules[1].when.{operator.strip(chr(39))}"
    assert hint.startswith(f"write '{operator.strip(chr(39))}': {number}, "), hint


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一万", 10000), ("两千", 2000), ("三千零二", 3002), ("一百万", 1000000), ("两百五", 250)],
)
def test_numerals_with_qian_and_wan_read_as_their_value(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("text", ["万", "1万万", "万1", "1.5.5万", "一千千", "五五万", "1万五千x"])
def test_what_is_no_number_reads_as_none(text: str) -> None:
    assert number_in_words(text) is None


@pytest.mark.parametrize(
    ("operator", "items", "meant"),
    [
        ("between", "[1万, 5万]", "[10000, 50000]"),
        ("in", "[1万, 2万]", "[10000, 20000]"),
        ("not in", "[500, 两千]", "[500, 2000]"),
    ],
)
def test_a_list_of_such_amounts_is_written_as_meant(
    tmp_path: Path, operator: str, items: str, meant: str
) -> None:
    ((path, _, hint),) = condition_errors(tmp_path, f"field: complaint.amount, {operator}: {items}")
    assert path == f"classification.rules[1].when.{operator}"
    assert hint.startswith(f"write '{operator}': {meant}, "), hint
