"""A Chinese word after ``customer.`` means the customer's field: ``{customer.编号}`` is the
customer's id, though ``{编号}`` alone (and ``{case.编号}``) is the case's. Its suggestion
came from a typo search over ASCII spellings, which answered customer.id for any word:
``{customer.名字}`` and ``{customer.电话}`` were told ``did you mean {customer.id}?``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.notify.field_words import FIELD_WORDS, field_meant
from complaintkit.notify.templates import FIELDS, Template


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("customer.编号", "customer.id"),
        ("customer.号码", "customer.id"),
        ("customer.名字", "customer.name"),
        ("customer.电话", "customer.contact"),
        ("客户.编号", "customer.id"),
        ("客户.姓名", "customer.name"),
        ("案件.编号", "case.id"),
        ("case.编号", "case.id"),
        ("编号", "case.id"),
    ],
)
def test_a_word_after_a_prefix_is_that_record_s_field(written: str, meant: str) -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(f"您好 {{{written}}}")
    assert f"did you mean {{{meant}}}?" in str(caught.value)


@given(
    st.sampled_from(["customer.", "客户."]),
    st.sampled_from(sorted(w for w in FIELD_WORDS if not w.isascii())),
)
def test_a_customer_word_never_suggests_another_record_s_field(prefix: str, word: str) -> None:
    """What follows ``customer.`` is answered with a customer field or with the list."""
    meant = field_meant(prefix + word)
    assert meant is None or (meant.startswith("customer.") and meant in FIELDS)


@pytest.mark.parametrize("written", ["customer.状态", "customer.快递单号", "case.状态x"])
def test_chinese_no_field_is_meant_by_gets_no_guess(written: str) -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(f"您好 {{{written}}}")
    assert "did you mean" not in str(caught.value)
    assert "named in English" in str(caught.value)


def test_a_field_typed_in_full_width_letters_is_read_in_ascii() -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile("您好 {\uff43\uff41\uff53\uff45\uff0e\uff49\uff44}")
    assert "did you mean {case.id}?" in str(caught.value)
