"""Patterns that read what a policy author wrote, to say what to write instead, tried a
long run of spaces again from each of its spaces: a number hint (``window_hours: "1x"``
then 100,000 spaces and a letter) took minutes, and money written with its signs and a
duration's remark were quadratic or worse below the lengths they are read to. Each is now
read once, its parts taken whole, and reads what the pattern it replaces read: each
property compares it with that pattern, written here as it was."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.factor_hints import written_money, written_parts
from complaintkit.policy import number_hints
from complaintkit.policy.number_hints import number_hint
from complaintkit.sla import duration_remarks
from complaintkit.sla.duration_remarks import remarked

RUN = 100_000


def texts(alphabet: str, size: int = 24) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=size)


_LEADING_BEFORE = re.compile(r"\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*(.*?)\s*")


@given(texts("12.三十 \t\nhx天个"))
def test_a_number_hint_reads_as_before(text: str) -> None:
    before = _LEADING_BEFORE.fullmatch(text)
    now = number_hints._LEADING.fullmatch(text.strip())
    if now is not None and "\n" in now.group(2).strip():  # a unit is on the number's line
        now = None
    assert (before is None) == (now is None)
    if before is not None and now is not None:
        assert before.group(1) == now.group(1)
        assert before.group(2) == now.group(2).strip()


def test_a_number_hint_reads_a_long_run_of_spaces_once() -> None:
    assert "bare number" in number_hint("window_hours", "1x" + " " * RUN + "y")
    assert "bare number" in number_hint("window_hours", "1" + " \t" * RUN + "小时")


_WRITTEN_BEFORE = re.compile(
    r"\s*(?P<before>[^\d零一二两三四五六七八九十百]*?)\s*"
    r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[零一二两三四五六七八九十百]+)"
    r"\s*(?P<after>.*?)\s*"
)


@given(texts("1,5.0 \n元¥RMBrmb%五十x"))
def test_money_with_its_signs_reads_as_before(text: str) -> None:
    before = _WRITTEN_BEFORE.fullmatch(text)
    now = written_parts(text)
    assert now == (
        None if before is None else (before["before"], before["number"], before["after"])
    )


def test_money_with_its_signs_reads_a_long_run_of_spaces_once() -> None:
    assert written_parts(" " * RUN) is None
    assert written_parts("¥" + " " * RUN + "50" + " " * RUN) == ("¥", "50", "")
    assert written_money(" ￥50 ") == ("50", "CNY")


_CLAUSE_BEFORE = re.compile(
    r"(?:[,\s]\s*)?((?:不含|不包括|除去|除|excluding\s|not\s+counting\s|遇?节假日顺延)[^()]*)$",
    re.IGNORECASE,
)


@given(texts("7天 ,\t()不含除去周末节假日顺延excluding weekends", size=40))
def test_a_duration_remark_reads_as_before(text: str) -> None:
    written = unicodedata.normalize("NFKC", text).strip()
    bracketed = re.search(r"\(([^()]*)\)\s*$", written)
    found = bracketed or _CLAUSE_BEFORE.search(written)
    now = remarked(text)
    if found is None:
        assert now is None
    elif now is not None:
        assert now[0] == written[: found.start()].rstrip(" ,")


def test_a_duration_remark_reads_a_long_run_of_spaces_once() -> None:
    assert duration_remarks._clause(" " * RUN + "(") is None
    assert duration_remarks._clause("7天" + " " * RUN + "x") is None
    assert duration_remarks._clause("7天," + " " * RUN + "不含周末") == (2, "不含周末")
    assert remarked("7天,不含周末") == ("7天", "business")
