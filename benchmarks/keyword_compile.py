"""Keyword compilation time against keyword size: it must grow linearly.

Run: PYTHONPATH=src python benchmarks/keyword_compile.py
Loads a small policy whose classification holds one repetitive keyword ("a" x N) beside a
normal one, for growing N, and prints the CPU time of load_policy. A DFA built for such a
keyword grew quadratically (20,000 x "a": 31 s on the reporting machine).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from complaintkit.policy.compiled import load_policy

POLICY = """complaintkit: 1
name: keyword-size
categories: {product: {label: P}, other: {label: O}}
severities: {minor: {label: m}}
priorities: {normal: {label: N}}
teams: {desk: {label: D, default_owner: a}}
classification:
  rules:
    - {id: r, when: {keywords: [broken, KEYWORD]}, then: {category: product, severity: minor, priority: normal}}
  default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk}}
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        for size in (1_000, 5_000, 20_000, 80_000):
            path.write_text(POLICY.replace("KEYWORD", "a" * size), "utf-8")
            start = time.process_time()
            load_policy(path)
            print(
                f"keyword of {size:>6} chars: load_policy {time.process_time() - start:.3f} s CPU"
            )


if __name__ == "__main__":
    main()
