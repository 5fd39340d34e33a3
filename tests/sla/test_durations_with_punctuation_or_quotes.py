"""A duration copied out of an SOP's sentence keeps its punctuation (24小时。, 3个工作日 and a semicolon,
"3 business days;") or its quotation marks ("3 business days" pasted inside YAML's own,
“3个工作日” or 「3个工作日」 as Chinese text quotes it). The refusal gave the bare list of
forms, or "at '。'"; now it names the duration without them, and what else it would be
told (24小时内。 is told '24小时')."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("24小时。", "'24小时'"),
        ("3个工作日\uff1b", "'3个工作日'"),
        ("3个工作日\uff0c", "'3个工作日'"),
        ("3 business days;", "'3 business days'"),
        ('"3 business days"', "'3 business days'"),
        ("'24h'", "'24h'"),
        ("“3个工作日”", "'3个工作日'"),
        ("「15日」", "'15日'"),
        ("\u201872 hours\u2019", "'72 hours'"),
        ("24小时内。", "'24小时'"),
        ("“三个工作日”", "'3个工作日'"),
        ('"within 48 hours."', "'48 hours'"),
    ],
)
def test_a_duration_in_punctuation_or_quotes_is_told_what_to_write(
    written: str, advice: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message


_MARKS = st.sampled_from(
    ["。", "\uff1b", ";", "\uff0c", "\uff01", "!"]
)  # "24h," is read: a separator
_QUOTES = st.sampled_from(['""', "''", "“”", "\u2018\u2019", "「」", "『』"])
_READ = st.sampled_from(["24h", "3 business days", "7个工作日", "15日", "2 months", "PT2H"])


@given(_READ, _MARKS, _QUOTES, st.booleans())
def test_every_duration_read_is_told_itself_out_of_its_marks(
    duration: str, mark: str, quotes: str, quoted: bool
) -> None:
    written = f"{quotes[0]}{duration}{mark}{quotes[1]}" if quoted else f"{duration}{mark}"
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {duration!r}" in raised.value.message
