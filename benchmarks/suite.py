"""Run every benchmark of the performance table and print the table (``make bench``).

Each script runs in its own process, one after another (never side by side: on a small
machine two benchmarks would slow each other), and writes ``benchmarks/results/<name>.json``.
This script then prints every check — what was measured, the target, met or missed — as the
Markdown table the README shows, and writes it with the machine to
``benchmarks/results/summary.json``.

    python benchmarks/suite.py [--only classify,keywords] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import harness

HERE = Path(__file__).parent
# The order of the README's table; each name is a script here and the results file it saves.
BENCHMARKS = ("classify", "keywords", "intake_path", "sla_calendar", "sla", "intake")


def run(name: str) -> float:
    """Run one benchmark script; return its wall seconds. A failing script stops the run."""
    print(f"\n=== {name} ===", flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=True)
    return time.perf_counter() - start


def table(results: list[dict[str, Any]]) -> str:
    """The checks of every benchmark as a Markdown table."""
    lines = ["| workload | measured | target | |", "|---|---|---|---|"]
    for result in results:
        for check in result["checks"]:
            mark = {True: "met", False: "**missed**", None: ""}[check["met"]]
            lines.append(
                f"| {check['workload']} | {check['measured']} | {check['target']} | {mark} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated benchmark names (default: all)")
    parser.add_argument(
        "--markdown", action="store_true", help="print the table from saved results, run nothing"
    )
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    durations: dict[str, float] = {}
    if not args.markdown:
        for name in names:
            durations[name] = round(run(name), 1)
    results = [
        json.loads((harness.RESULTS / f"{name}.json").read_text(encoding="utf-8")) for name in names
    ]
    summary = table(results)
    print("\n" + summary)
    if durations:
        print(
            f"\n{sum(durations.values()):.0f} s in all: "
            + ", ".join(f"{n} {s:.0f} s" for n, s in durations.items())
        )
        (harness.RESULTS / "summary.json").write_text(
            json.dumps(
                {
                    "machine": harness.machine(),
                    "seconds": durations,
                    "checks": [c for r in results for c in r["checks"]],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
