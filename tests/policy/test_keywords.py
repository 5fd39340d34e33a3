"""The shared keyword index: Chinese substrings, English word boundaries, one scan."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.facts import Facts
from complaintkit.policy.keyword_lists import list_in_keyword
from complaintkit.policy.keywords import KeywordIndex, KeywordIndexBuilder, normalise_keyword
from complaintkit.policy.tables import compile_table


def build(keywords: list[str], fields: tuple[str, ...] = ("c.text",)):  # type: ignore[no-untyped-def]
    builder = KeywordIndexBuilder()
    keyword_set = builder.add([normalise_keyword(k) for k in keywords], fields)
    builder.build()
    return keyword_set


def text(value: str, **more: str) -> Facts:
    return Facts({"c": {"text": value, **more}})


@pytest.mark.parametrize(
    ("keyword", "sample", "expected"),
    [
        ("变质", "牛奶已经变质了", True),
        ("异物", "面包里有异物!", True),
        ("变质", "变了质", False),
        ("late", "the parcel came late.", True),
        ("late", "I ordered chocolate", False),
        ("late", "LATE again", True),
        ("late", "lately", False),
        ("food poisoning", "possible Food Poisoning after dinner", True),
        ("refund", "refund2", False),
        ("退款refund", "申请退款refund", True),
        ("退款refund", "申请退款refunds", False),
        ("iphone 坏了", "我的iphone 坏了", True),
        ("iphone 坏了", "myiphone 坏了", False),
    ],
)
def test_keyword_matching_rules(keyword: str, sample: str, expected: bool) -> None:
    assert build([keyword]).matches(text(sample)) is expected


def test_rejected_occurrence_does_not_hide_a_later_valid_one() -> None:
    assert build(["late", "ate"]).matches(text("chocolate late"))
    assert build(["late"]).found(text("chocolate, then late")) == ["late"]


def test_matches_never_span_two_fields() -> None:
    keywords = build(["变质"], ("c.subject", "c.text"))
    assert not keywords.matches(text("质量问题", subject="有变"))
    assert keywords.matches(text("质量问题", subject="已变质"))


def test_conditions_only_see_their_own_fields() -> None:
    builder = KeywordIndexBuilder()
    in_subject = builder.add(["refund"], ("c.subject",))
    in_text = builder.add(["refund"], ("c.text",))
    builder.build()
    record = text("please refund", subject="hello")
    assert in_text.matches(record)
    assert not in_subject.matches(record)


def test_record_is_scanned_once_for_all_conditions() -> None:
    builder = KeywordIndexBuilder()
    sets = [builder.add([k], ("c.text",)) for k in ("变质", "late", "异物")]
    index = builder.build()
    assert index is not None
    record = text("变质 and late")
    assert [s.matches(record) for s in sets] == [True, True, False]
    assert [key for key in record.memo if isinstance(key, KeywordIndex)] == [index]


def test_tables_sharing_a_builder_scan_a_record_once() -> None:
    builder = KeywordIndexBuilder()
    first, second = (
        compile_table(
            {
                "rules": [{"id": "hit", "when": {"keywords": [word], "fields": ["c.text"]}}],
                "default": {},
            },
            name,
            keywords=builder,
        )
        for name, word in (("first", "late"), ("second", "变质"))
    )
    index = builder.build()
    record = text("变质 and late")
    assert [first.evaluate(record).matched, second.evaluate(record).matched] == [True, True]
    assert [key for key in record.memo if isinstance(key, KeywordIndex)] == [index]
    assert not second.evaluate(text("late")).matched


def test_non_text_fields_are_skipped() -> None:
    assert not build(["1"]).matches(Facts({"c": {"text": 1}}))


@pytest.mark.parametrize("bad", ["", "   ", 3, "a\x00b"])
def test_unusable_keywords_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="keyword"):
        normalise_keyword(bad)


#: What continues a word: ASCII letters and digits, accented Latin, Greek, Cyrillic letters.
_WORD = "a-z0-9" + "".join(
    c
    for low, high in ((0xC0, 0x4FF), (0x1E00, 0x1EFF))
    for c in map(chr, range(low, high + 1))
    if c.isalpha()
)


def _oracle(keyword: str, sample: str) -> bool:
    """Regex restatement of the rules: ASCII-alnum ends need neighbours that continue no
    word."""
    left = f"(?<![{_WORD}])" if re.match(r"[a-z0-9]", keyword) else ""
    right = f"(?![{_WORD}])" if re.search(r"[a-z0-9]\Z", keyword) else ""
    return re.search(left + re.escape(keyword) + right, sample.lower()) is not None


# é and the Kelvin sign (which lowers to ASCII "k") take more than one byte in UTF-8, the
# form the automaton scans
_ALPHABET = st.sampled_from(list("ab 1变质A,é\u212a"))


@given(
    st.lists(st.text(_ALPHABET, min_size=1, max_size=3).filter(str.strip), min_size=1, max_size=5),
    st.text(_ALPHABET, max_size=30),
)
def test_index_agrees_with_a_regex_oracle(keywords: list[str], sample: str) -> None:
    builder = KeywordIndexBuilder()
    sets = [builder.add([normalise_keyword(k)], ("c.text",)) for k in keywords]
    builder.build()
    record = text(sample)
    for keyword, keyword_set in zip(keywords, sets, strict=True):
        assert keyword_set.matches(record) is _oracle(normalise_keyword(keyword), sample)


def test_a_large_keyword_set_matches_like_a_small_one() -> None:
    # past DFA_LIMIT the automaton changes kind; matching must not change with it
    long = "a" * 20_000
    index = KeywordIndex(["late", "退款", long], ["complaint.text"])
    small = KeywordIndex(["late", "退款"], ["complaint.text"])
    for text in ("chocolate", "it was late", "要退款", "too LATE!"):
        assert index.scan([text]) == small.scan([text]), text
    assert index.scan([long]) == frozenset({2})
    assert index.scan(["b" + long]) == frozenset()


@given(
    st.lists(
        # a space between Chinese words makes a keyword that is refused (keyword_lists)
        st.text(_ALPHABET, min_size=1, max_size=3).filter(
            lambda k: k.strip() and list_in_keyword(k) is None
        ),
        min_size=1,
        max_size=4,
    ),
    st.text(_ALPHABET, max_size=20),
    st.text(_ALPHABET, max_size=20),
)
def test_a_compiled_table_agrees_with_the_oracle_on_two_fields(
    keywords: list[str], subject: str, body: str
) -> None:
    rules = [
        {"id": f"r{i}", "when": {"keywords": [k], "fields": ["c.subject", "c.text"]}, "then": {}}
        for i, k in enumerate(keywords)
    ]
    table = compile_table({"hit_policy": "collect", "rules": rules, "default": {}}, "t")
    matched = [row.index for row in table.evaluate(text(body, subject=subject)).rows]
    expected = [
        i
        for i, k in enumerate(keywords)
        if _oracle(normalise_keyword(k), subject) or _oracle(normalise_keyword(k), body)
    ]
    assert matched == expected
