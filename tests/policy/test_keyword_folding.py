# ruff: noqa: RUF001 -- complaint text typed full-width on purpose
"""Keywords find complaint text however it was typed or pasted: in any letter case
(case folding, not lowercasing: ß and SS, final sigma), composed or decomposed accents,
with invisible marks inside a word, in full-width forms, with a line break or a no-break
space between words. The text a case keeps is not changed; only the form matched is."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model import Complaint, Customer
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import Keyword, KeywordIndexBuilder, KeywordSet, normalise_keyword


def build(*keywords: str, exclude: tuple[str, ...] = ()) -> KeywordSet:
    builder = KeywordIndexBuilder()
    normal = tuple(normalise_keyword(p) for p in exclude)
    keyword_set = builder.add(
        [Keyword(normalise_keyword(k), exclude=normal) for k in keywords], ("c.text",)
    )
    builder.build()
    return keyword_set


def found(keyword_set: KeywordSet, sample: str) -> bool:
    return keyword_set.matches(Facts({"c": {"text": sample}}))


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [
        ("straße", "WRONG STRASSE ON THE LABEL"),
        ("STRASSE", "falsche straße"),
        ("λογαριασμός", "ΚΛΕΙΣΤΗΚΕ Ο ΛΟΓΑΡΙΑΣΜΌΣ ΜΟΥ"),
        ("λογαριασμός", "ο λογαριασμόσ μου"),  # typed with a medial sigma at the end
        ("ΛΟΓΑΡΙΑΣΜΌΣ", "ο λογαριασμόσ μου"),
        ("café", "the cafe\u0301 was closed"),  # é typed as e + combining acute
        ("cafe\u0301", "the café was closed"),
        ("食品", "食\u200b品安全问题"),  # zero width space pasted from a web page
        ("refund", "please re\u00adfund me"),  # soft hyphen
        ("refund", "please re\u2060fund me"),  # word joiner
        ("变质", "变\ufeff质"),
        ("abc123", "订单ＡＢＣ１２３有问题"),
        ("food poisoning", "I think it was food\npoisoning"),  # a mail body's line break
        ("food poisoning", "food\r\npoisoning"),
        ("food poisoning", "food\tpoisoning"),
        ("food poisoning", "food\u00a0poisoning"),  # no-break space
        ("food poisoning", "food\u3000poisoning"),
    ],
)
def test_a_keyword_finds_the_text_however_it_was_typed(keyword: str, sample: str) -> None:
    assert found(build(keyword), sample)


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [
        ("late", "CHOCOLATE"),
        ("late", "choco\u00adlate"),  # the soft hyphen joins one word: still no boundary
        ("ss", "straße"),  # word match: "strasse" is one word
        ("sum", "my RÉSUMÉ is attached"),  # an accented letter continues a word
        ("lan", "with élan"),
        ("a", "ça va"),
        ("nguy", "Nguyễn"),
        ("mep", "ΑmepΩ"),  # a Greek letter too
    ],
)
def test_folding_keeps_word_boundaries(keyword: str, sample: str) -> None:
    assert not found(build(keyword), sample)


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [("refund", "退款refund"), ("iphone", "iPhone坏了"), ("sum", "résumé: sum é"), ("x", "×x÷")],
)
def test_chinese_signs_and_spaces_end_a_word(keyword: str, sample: str) -> None:
    assert found(build(keyword), sample)


@pytest.mark.parametrize("sample", ["没\u200b送到", "没送\u00ad到", "ＭＥＩ没送到", "没\u2060送到"])
def test_an_except_phrase_excludes_however_it_was_typed(sample: str) -> None:
    assert not found(build("没送", exclude=("没送到",)), sample)


def test_an_except_phrase_is_case_folded_too() -> None:
    keyword_set = build("straße", exclude=("falsche straße",))
    assert not found(keyword_set, "FALSCHE STRASSE")
    assert found(keyword_set, "FALSCHE STRASSE, STRASSE 5")


def test_keywords_are_kept_in_their_folded_form() -> None:
    assert normalise_keyword("Straße") == "strasse"
    assert normalise_keyword("cafe\u0301") == "café"
    assert normalise_keyword("ＡＢＣ") == "abc"
    assert normalise_keyword("food \n poisoning") == "food poisoning"
    assert normalise_keyword("食品\u3000安全") == "食品 安全"


_INVISIBLE = st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d", "\ufe0f"])
_LETTERS = st.sampled_from(list("abs ß1变质é,Σς"))


@given(
    st.text(_LETTERS, min_size=1, max_size=3).filter(str.strip),
    st.text(_LETTERS, max_size=20),
    st.lists(st.tuples(st.integers(0, 20), _INVISIBLE), max_size=4),
)
def test_invisible_marks_never_change_what_is_found(
    keyword: str, sample: str, marks: list[tuple[int, str]]
) -> None:
    keyword_set = build(keyword)
    marked = sample
    for at, mark in sorted(marks, reverse=True):
        marked = marked[:at] + mark + marked[at:]
    assert found(keyword_set, marked) is found(keyword_set, sample)


@given(st.text(_LETTERS, min_size=1, max_size=3).filter(str.strip), st.text(_LETTERS, max_size=20))
def test_composition_and_case_never_change_what_is_found(keyword: str, sample: str) -> None:
    keyword_set = build(keyword)
    expected = found(keyword_set, sample)
    assert found(keyword_set, unicodedata.normalize("NFD", sample)) is expected
    assert found(keyword_set, sample.upper()) is expected
    assert found(build(keyword.upper()), sample) is expected


ROOT = Path(__file__).resolve().parents[2]


def test_a_policy_classifies_pasted_text_and_keeps_it_as_written() -> None:
    policy = load_policy(ROOT / "policies" / "retail" / "supermarket.yaml")
    plain = "牛奶变质了"
    pasted = "牛奶变\u200b质了"
    complaint = Complaint(
        channel="web",
        external_id="x",
        received_at=datetime(2026, 3, 2, 3, tzinfo=UTC),
        customer=Customer(id="c-1"),
        text=pasted,
    )
    assessed = policy.assess(complaint, None)  # type: ignore[arg-type]
    expected = policy.assess(attrs.evolve(complaint, text=plain), None)  # type: ignore[arg-type]
    assert (assessed.category, assessed.severity) == (expected.category, expected.severity)
    assert expected.category != "other"
    assert complaint.text == pasted
