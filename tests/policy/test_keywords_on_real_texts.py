"""The keyword index against a plain loop over keywords on real complaints: 外卖 reviews
(../shared/data/zh/waimai_10k.csv) and CFPB narratives (../shared/data/cfpb), read in
place; each half is skipped without its file. The loop folds each text the documented way
(case folded, NFC, invisible marks dropped, white space a space, full-width as ASCII) and
tests each keyword with ``in`` or an ASCII word-boundary regex."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import Keyword, KeywordIndexBuilder, normalise_keyword

DATA = Path("/work/shared/data")
if not DATA.exists():
    DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
WAIMAI = DATA / "zh" / "waimai_10k.csv"
CFPB = DATA / "cfpb" / "complaints_sample_6664.csv"

CHINESE = ["送", "慢", "难吃", "太慢了", "凉", "没有送", "送餐", "骑手", "退款", "头发", "12", "元"]
ENGLISH = ["late", "fee", "fees", "credit report", "account", "xx", "i", "2019", "debt", "don't"]
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
#: Letters that continue a word beside them: ASCII, and accented Latin, Greek, Cyrillic.
_WORD = re.escape(
    _ALNUM
    + "".join(
        c
        for low, high in ((0xC0, 0x4FF), (0x1E00, 0x1EFF))
        for c in map(chr, range(low, high + 1))
        if c.isalpha()
    )
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")


def fold(text: str) -> str:
    text = _INVISIBLE.sub("", text).replace("\r\n", " ")
    text = "".join(" " if c.isspace() else c for c in text)
    text = unicodedata.normalize("NFC", text.casefold())
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def naive(keyword: Keyword) -> Callable[[str], bool]:
    """The keyword as a plain test on folded text: some occurrence outside its exclusions."""
    occurrences = [_pattern(spelling, keyword.match) for spelling in spellings(keyword.text)]
    phrases = [_pattern(form, "substring") for p in keyword.exclude for form in spellings(p)]

    def test(folded: str) -> bool:
        excluded = [m.span(1) for phrase in phrases for m in phrase.finditer(folded)]
        return any(
            not any(s <= m.start(1) and m.end(1) <= e for s, e in excluded)
            for pattern in occurrences
            for m in pattern.finditer(folded)
        )

    return test


def _pattern(spelling: str, match: str) -> re.Pattern[str]:
    """Every occurrence of ``spelling`` (overlapping ones too) with the ASCII word boundary
    its ``match`` needs."""
    body = re.escape(spelling)
    if match != "substring" and spelling[0] in _ALNUM:
        body = f"(?<![{_WORD}])" + body
    if match == "word" and spelling[-1] in _ALNUM:
        body += f"(?![{_WORD}])"
    return re.compile(f"(?=({body}))")


def keywords(words: list[str]) -> list[Keyword]:
    made = []
    for word in words:
        text = normalise_keyword(word)
        made += [Keyword(text, match) for match in ("word", "prefix", "substring")]
    made.append(Keyword(normalise_keyword("送"), exclude=(normalise_keyword("送餐"),)))
    return made


def texts(path: Path, column: str) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row[column]:
                yield row[column]


def compare(words: list[str], samples: Iterator[str]) -> None:
    listed = keywords(words)
    builder = KeywordIndexBuilder()
    sets = [builder.add([k], ("c.text",)) for k in listed]
    builder.build()
    tests = [naive(k) for k in listed]
    seen: set[Keyword] = set()
    for sample in samples:
        facts = Facts({"c": {"text": sample}})
        found = [k for k, s in zip(listed, sets, strict=True) if s.matches(facts)]
        folded = fold(sample)
        assert found == [k for k, test in zip(listed, tests, strict=True) if test(folded)], sample
        seen.update(found)
    assert len(seen) >= len(listed) // 2  # the comparison is about words the texts hold


@pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
def test_keywords_on_waimai_reviews_find_what_a_plain_loop_finds() -> None:
    compare(CHINESE + ENGLISH, texts(WAIMAI, "review"))


@pytest.mark.skipif(not CFPB.exists(), reason="no ../shared/data/cfpb sample")
def test_keywords_on_cfpb_narratives_find_what_a_plain_loop_finds() -> None:
    compare(ENGLISH + CHINESE, texts(CFPB, "Consumer complaint narrative"))
