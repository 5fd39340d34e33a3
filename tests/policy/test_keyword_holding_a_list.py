"""A keyword that holds a list the author meant as several: 退款 退货, 退款|退货.

``keywords: [退款 退货]`` is one keyword to YAML, found only where the complaint has that
very space (Chinese text has none: 我要退款退货 was not matched), and ``[退款|退货]`` is one
keyword holding a '|', found only where the complaint has one. Both loaded and never
matched; each is refused at the character, with the list to write.
"""

from __future__ import annotations

import pytest

from complaintkit.policy.tables import check_table


def _problems(keyword: str) -> list[tuple[str, str, str]]:
    table = {"rules": [{"id": "r", "when": {"keywords": [keyword]}, "then": {}}], "default": {}}
    return [(p.code, p.message, p.hint) for p in check_table(table, "t") if p.severity == "error"]


@pytest.mark.parametrize(
    ("keyword", "said", "hint"),
    [
        ("退款 退货", "a space between Chinese words", "退款, 退货"),
        ("退款　退货", "a space between Chinese words", "退款, 退货"),
        ("退款|退货", "'|' inside the keyword", "退款, 退货"),
        ("refund|return", "'|' inside the keyword", "refund, return"),
    ],
)
def test_a_keyword_holding_a_list_is_refused_with_the_list(
    keyword: str, said: str, hint: str
) -> None:
    ((code, message, written),) = _problems(keyword)
    assert code == "bad-keyword"
    assert said in message
    assert f"write [{hint}]" in written


@pytest.mark.parametrize("keyword", ["food poisoning", "iPhone 15 屏幕", "退款", "屏幕 broken"])
def test_a_phrase_with_spaces_beside_latin_words_is_read(keyword: str) -> None:
    assert _problems(keyword) == []
