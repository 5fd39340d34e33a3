"""A reporter's ``real_name`` typed with the input method in full-width mode (YES, Yes,
true, NO in full-width letters, padded with an ideographic space) reads on screen as yes
or no, yet the SAMR pack matched ASCII letters only: a full-width YES owed no
第三十一条第二款 notice and was tagged 实名待确认. It is read as its NFKC form, yes or no, now."""

from __future__ import annotations

import unicodedata

import pytest
from test_samr_real_name_as_written import NOTICE_DUE, UNSURE, decided, notice_due

FULL = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def full_width(text: str) -> str:
    return "".join(FULL.get(c, c) for c in text)


YES = [full_width(w) for w in ("YES", "Yes", "y", "true", "TRUE", "\u3000YES\u3000")]
NO = [full_width(w) for w in ("NO", "No", "n", "false", "\u3000no")]


def test_the_values_are_full_width_forms_of_yes_and_no() -> None:
    for written in YES + NO:
        assert written != unicodedata.normalize("NFKC", written)


@pytest.mark.parametrize("written", YES)
def test_a_full_width_yes_is_owed_the_notice(written: str) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (NOTICE_DUE, False)


@pytest.mark.parametrize("written", NO)
def test_a_full_width_no_is_owed_none_and_not_tagged(written: str) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (None, False)


@pytest.mark.parametrize("written", [full_width("YESS"), full_width("yes") + "否"])
def test_full_width_text_neither_yes_nor_no_is_still_tagged(written: str) -> None:
    case = decided(written)
    assert (notice_due(case), UNSURE in case.tags) == (None, True)
