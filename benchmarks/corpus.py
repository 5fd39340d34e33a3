"""Complaint texts for the benchmarks: real reviews/narratives when present, else synthetic.

Real data is read in place from /work/shared/data (waimai_10k: Chinese food-delivery
reviews; CFPB: English consumer-finance narratives); without it the benchmarks fall back to
generated text, so they run anywhere.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

DATA = Path("/work/shared/data")
ZH_WORDS = [
    *"的了是我不在人有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会",
    "外卖",
    "送餐",
    "骑手",
    "超时",
    "好吃",
    "难吃",
    "凉了",
    "少送",
    "退款",
    "客服",
    "态度",
    "包装",
    "味道",
    "变质",
    "异物",
    "送错",
    "漏送",
    "太慢",
    "分量",
    "价格",
    "很贵",
    "商家",
    "投诉",
    "赔付",
]
EN_WORDS = [
    "the",
    "a",
    "to",
    "and",
    "of",
    "my",
    "i",
    "was",
    "it",
    "for",
    "on",
    "that",
    "they",
    "this",
    "with",
    "account",
    "credit",
    "report",
    "company",
    "payment",
    "loan",
    "debt",
    "bank",
    "card",
    "late",
    "fee",
    "refund",
    "fraud",
    "charge",
    "called",
    "told",
    "never",
    "received",
    "mortgage",
    "interest",
    "dispute",
    "collection",
    "chocolate",
    "delayed",
    "spoiled",
    "rude",
    "billing",
    "error",
]


def real_texts() -> tuple[list[str], list[str]]:
    """(Chinese reviews, English narratives); empty lists when the data is absent."""
    zh_texts: list[str] = []
    en_texts: list[str] = []
    zh = DATA / "zh" / "waimai_10k.csv"
    en = DATA / "cfpb" / "complaints_sample_6664.csv"
    if zh.exists():
        with zh.open(encoding="utf-8", newline="") as handle:
            zh_texts = [row["review"] for row in csv.DictReader(handle) if row["review"]]
    if en.exists():
        with en.open(encoding="utf-8", newline="") as handle:
            field = "Consumer complaint narrative"
            en_texts = [row[field] for row in csv.DictReader(handle) if row[field]]
    return zh_texts, en_texts


def _synthetic(rng: random.Random, length: int) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(ZH_WORDS) for _ in range(length // 2))
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(EN_WORDS))
    return " ".join(words)


def texts(count: int, *, length: int = 450, seed: int = 7) -> list[str]:
    """``count`` complaint texts of about ``length`` characters, half Chinese, half English."""
    rng = random.Random(seed)
    zh, en = real_texts()
    out = []
    for i in range(count):
        real = zh if i % 2 else en
        if real:
            # glue real snippets until the target length: waimai reviews are short
            parts = [rng.choice(real)]
            while sum(map(len, parts)) < length:
                parts.append(rng.choice(real))
            out.append(" ".join(parts)[: length + 40])
        else:
            out.append(_synthetic(rng, length))
    return out


def real_rows() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(waimai rows, CFPB rows with a narrative) as CSV dicts; empty when the data is absent."""
    zh = DATA / "zh" / "waimai_10k.csv"
    en = DATA / "cfpb" / "complaints_sample_6664.csv"
    zh_rows: list[dict[str, str]] = []
    en_rows: list[dict[str, str]] = []
    if zh.exists():
        with zh.open(encoding="utf-8", newline="") as handle:
            zh_rows = [row for row in csv.DictReader(handle) if row["review"]]
    if en.exists():
        with en.open(encoding="utf-8", newline="") as handle:
            field = "Consumer complaint narrative"
            en_rows = [row for row in csv.DictReader(handle) if row[field]]
    return zh_rows, en_rows
