"""Keyword index throughput: 500 keywords (half Chinese) over 100,000 texts of ~450 chars.

Run: PYTHONPATH=src python benchmarks/keywords.py [--texts N] [--naive N]
Every contender reports the same set of keyword ids per text (English on word boundaries,
Chinese as substrings); the script asserts they agree.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import ahocorasick_rs
import corpus

from complaintkit.policy.keywords import KeywordIndex

ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def pick_keywords(count: int, skip: int = 1000) -> list[str]:
    """Half Chinese bigrams/trigrams and half English words from the corpus.

    ``skip`` drops the most frequent candidates: real keyword lists (变质, food poisoning)
    hit a few times per text, while common n-grams hit dozens of times, and the cost of an
    Aho-Corasick scan grows with the number of hits it reports.
    """
    zh, en = corpus.real_texts()
    zh = zh or corpus.texts(2000)[1::2]
    en = en or corpus.texts(2000)[0::2]
    grams: collections.Counter[str] = collections.Counter()
    for text in zh[:5000]:
        for n in (2, 3):
            grams.update(text[i : i + n] for i in range(len(text) - n + 1))
    cjk = [g for g, _ in grams.most_common() if re.fullmatch(r"[\u4e00-\u9fff]+", g)]
    words: collections.Counter[str] = collections.Counter()
    for text in en[:3000]:
        words.update(re.findall(r"[a-z]{4,}", text.lower()))
    english = [w for w, _ in words.most_common()]
    half = count // 2
    return cjk[skip : skip + half] + english[skip // 2 : skip // 2 + count - half]


def bounded(keyword: str) -> tuple[bool, bool]:
    return keyword[0] in ALNUM, keyword[-1] in ALNUM


def naive(keywords: Sequence[str]) -> Callable[[str], frozenset[int]]:
    bounds = [bounded(k) for k in keywords]

    def scan(text: str) -> frozenset[int]:
        low = text.lower()
        found = set()
        for kid, keyword in enumerate(keywords):
            left, right = bounds[kid]
            start = low.find(keyword)
            while start >= 0:
                end = start + len(keyword)
                if not (left and start and low[start - 1] in ALNUM) and not (
                    right and end < len(low) and low[end] in ALNUM
                ):
                    found.add(kid)
                    break
                start = low.find(keyword, start + 1)
        return frozenset(found)

    return scan


def pyahocorasick(keywords: Sequence[str]) -> Callable[[str], frozenset[int]] | None:
    try:
        import ahocorasick  # noqa: PLC0415 - optional peer
    except ImportError:
        print("pyahocorasick: not installed, skipped (pip install pyahocorasick)")
        return None
    automaton = ahocorasick.Automaton()
    for kid, keyword in enumerate(keywords):
        automaton.add_word(keyword, (kid, len(keyword), *bounded(keyword)))
    automaton.make_automaton()

    def scan(text: str) -> frozenset[int]:
        low = text.lower()
        size = len(low)
        found = set()
        for last, (kid, length, left, right) in automaton.iter(low):
            start, end = last - length + 1, last + 1
            if (left and start and low[start - 1] in ALNUM) or (
                right and end < size and low[end] in ALNUM
            ):
                continue
            found.add(kid)
        return frozenset(found)

    return scan


def rs_raw(keywords: Sequence[str]) -> Callable[[str], frozenset[int]]:
    automaton = ahocorasick_rs.AhoCorasick(keywords)
    bounds = [bounded(k) for k in keywords]

    def scan(text: str) -> frozenset[int]:
        low = text.lower()
        size = len(low)
        found = set()
        for kid, start, end in automaton.find_matches_as_indexes(low, overlapping=True):
            left, right = bounds[kid]
            if (left and start and low[start - 1] in ALNUM) or (
                right and end < size and low[end] in ALNUM
            ):
                continue
            found.add(kid)
        return frozenset(found)

    return scan


def complaintkit(keywords: Sequence[str]) -> Callable[[str], frozenset[int]]:
    index = KeywordIndex(keywords, ["complaint.text"])

    def scan(text: str) -> frozenset[int]:
        return index.scan((text,))  # one field: codes are the keyword ids

    return scan


def run(
    name: str, scan: Callable[[str], frozenset[int]], texts: Sequence[str]
) -> list[frozenset[int]]:
    start = time.perf_counter()
    results = [scan(t) for t in texts]
    elapsed = time.perf_counter() - start
    print(f"{name:<22} {len(texts) / elapsed:>12,.0f} texts/s  ({len(texts):,} texts)")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=5_000, help="texts for the naive loop")
    parser.add_argument("--skip", type=int, default=1000, help="most frequent n-grams to skip")
    args = parser.parse_args()
    keywords = pick_keywords(500, args.skip)
    texts = corpus.texts(args.texts)
    chinese = sum(1 for k in keywords if not k.isascii())
    print(
        f"{len(keywords)} keywords ({chinese} Chinese), {len(texts):,} texts, "
        f"mean {sum(map(len, texts)) / len(texts):.0f} chars"
    )
    reference = run("complaintkit index", complaintkit(keywords), texts)
    print(f"  mean hits per text: {sum(map(len, reference)) / len(reference):.1f}")
    assert run("ahocorasick-rs raw", rs_raw(keywords), texts) == reference
    peer = pyahocorasick(keywords)
    if peer is not None:
        assert run("pyahocorasick", peer, texts) == reference
    subset = texts[: args.naive]
    assert run("naive str.find loop", naive(keywords), subset) == reference[: args.naive]
    print("all contenders agree on every text")


if __name__ == "__main__":
    main()
