"""Keywords find their words written in traditional or simplified Chinese characters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.complaint import Complaint, Customer
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import Keyword, KeywordIndexBuilder, KeywordSet, normalise_keyword

#: Characters with one traditional form each, written here by hand (not read from the
#: table the code uses): simplified → traditional.
PAIRS = {"质": "質", "变": "變", "问": "問", "题": "題", "卫": "衛", "头": "頭", "里": "裡"}
SAME = "量生面包的了"  # written alike in both


def build(*keywords: str | Keyword) -> KeywordSet:
    builder = KeywordIndexBuilder()
    converted = [k if isinstance(k, Keyword) else Keyword(normalise_keyword(k)) for k in keywords]
    keyword_set = builder.add(converted, ("c.text",))
    builder.build()
    return keyword_set


def found(keyword_set: KeywordSet, sample: str) -> bool:
    return keyword_set.matches(Facts({"c": {"text": sample}}))


@pytest.mark.parametrize(
    ("keyword", "sample", "expected"),
    [
        ("变质", "食物變質了", True),
        ("變質", "食物变质了", True),
        ("质量", "質量太差", True),
        ("头发", "麵包裡有頭髮", True),  # 发 is 發 or 髮 in traditional
        ("发票", "沒有開發票", True),
        ("面条", "麵條太鹹", True),  # 面 is 面 or 麵
        ("质量问题", "質量问題", True),  # a text mixing both forms
        ("卫生", "衛生很差", True),
        ("12315投诉", "打了１２３１５投訴", True),  # full-width digits and traditional 訴
        ("变质", "變了", False),
        ("late", "chocolate", False),
    ],
)
def test_a_keyword_finds_its_words_in_either_form(
    keyword: str, sample: str, expected: bool
) -> None:
    assert found(build(keyword), sample) is expected


def test_an_except_phrase_excludes_in_either_form() -> None:
    keyword_set = build(Keyword("没送", exclude=("没送到",)))
    assert not found(keyword_set, "外卖沒送到了")
    assert not found(keyword_set, "外卖没送到了")
    assert found(keyword_set, "外卖一直沒送")


def test_explanations_name_the_keyword_as_the_policy_writes_it() -> None:
    keyword_set = build("变质", "质量")
    assert keyword_set.found(Facts({"c": {"text": "食物變質,質量差"}})) == ["变质", "质量"]


def test_a_long_keyword_of_many_such_characters_loads_and_matches_both_whole_forms() -> None:
    keyword = "发质变问题卫头" * 5  # 35 characters with two or more forms each
    keyword_set = build(keyword)
    traditional = "".join(PAIRS.get(c, "發" if c == "发" else c) for c in keyword)
    assert found(keyword_set, f"前{traditional}后")
    assert found(keyword_set, f"前{keyword}后")


_CHARS = st.sampled_from("".join(PAIRS) + SAME)


def _traditional(text: str, which: list[bool]) -> str:
    """``text`` with the characters ``which`` picks (cycled) written in traditional form."""
    return "".join(
        PAIRS.get(c, c) if which and which[i % len(which)] else c for i, c in enumerate(text)
    )


@given(
    st.text(_CHARS, min_size=1, max_size=4),
    st.text(_CHARS, max_size=16),
    st.lists(st.booleans(), max_size=8),
    st.lists(st.booleans(), max_size=8),
)
def test_writing_characters_in_the_other_form_never_changes_what_is_found(
    keyword: str, sample: str, in_text: list[bool], in_keyword: list[bool]
) -> None:
    expected = found(build(keyword), sample)
    assert found(build(keyword), _traditional(sample, in_text)) is expected
    assert found(build(_traditional(keyword, in_keyword)), sample) is expected


ROOT = Path(__file__).resolve().parents[2]


def test_a_policy_classifies_traditional_text_as_its_simplified_keywords() -> None:
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    complaint = Complaint(
        channel="web",
        external_id="x",
        received_at=datetime(2026, 3, 2, 3, tzinfo=UTC),
        customer=Customer(id="c-1"),
        text="買的牛奶變質了,還發霉",
    )
    assessed = policy.assess(complaint, None)  # type: ignore[arg-type]
    simplified = attrs.evolve(complaint, text="买的牛奶变质了,还发霉")
    expected = policy.assess(simplified, None)  # type: ignore[arg-type]
    assert expected.category != "other"
    assert (assessed.category, assessed.severity) == (expected.category, expected.severity)
    assert complaint.text == "買的牛奶變質了,還發霉"


def test_a_keyword_of_four_characters_of_many_forms_finds_every_mix() -> None:
    """了 has two forms and 里 four (里 裏 哩 裡): 128 spellings, past the 64 once kept, so
    only the usual traditional 裏 was found, never Taiwan's 裡."""
    keyword_set = build("了里里里")
    assert found(keyword_set, "了裡裡裡")
    assert found(keyword_set, "了裡里裏")


def test_a_long_keyword_is_found_in_taiwan_s_forms_too() -> None:
    keyword_set = build("冰箱里的牛奶变质了" * 4)  # 36 characters: one spelling per script
    assert found(keyword_set, "冰箱裡的牛奶變質了" * 4)  # Taiwan's 裡
    assert found(keyword_set, "冰箱裏的牛奶變質了" * 4)  # the usual traditional 裏
