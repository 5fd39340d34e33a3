"""What every benchmark shares: interleaved repeats, medians, targets and saved results.

A figure measured once, cold, against a rival's best of three flatters whoever went last.
So contenders run in turns (``interleave``): each repeat runs every contender once, in a
rotated order, and the figure is the median of its repeats. A benchmark then states each
row of the performance table as a ``Check`` — a ratio or a rate against its target — and
``save`` writes the figures, the checks, the machine and the library versions to
``benchmarks/results/<name>.json``, which ``benchmarks/suite.py`` gathers for the README.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs

RESULTS = Path(__file__).parent / "results"
VERSIONED = (
    "complaintkit",
    "attrs",
    "google-re2",
    "ahocorasick-rs",
    "pyahocorasick",
    "zen-engine",
    "common-expression-language",
    "rule-engine",
    "pandas",
    "businesstimedelta",
    "holidays",
    "psycopg",
)


@attrs.frozen
class Figure:
    """One contender on one workload: the median seconds for ``items`` records."""

    workload: str
    contender: str
    seconds: float
    items: int
    runs: tuple[float, ...] = ()

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {
            "workload": self.workload,
            "contender": self.contender,
            "median_seconds": self.seconds,
            "items": self.items,
            "per_second": round(self.per_second, 1),
            "runs": list(self.runs),
        }


@attrs.frozen
class Check:
    """A row of the performance table: what was measured, the target, and whether it holds."""

    workload: str
    measured: str
    target: str
    met: bool | None  # None: a figure reported beside the targets, with none of its own

    def to_json(self) -> dict[str, Any]:
        return {
            "workload": self.workload,
            "measured": self.measured,
            "target": self.target,
            "met": self.met,
        }


def interleave(
    contenders: Mapping[str, Callable[[], object]],
    repeats: int,
    *,
    warmup: int = 1,
    reset: Callable[[], object] | None = None,
) -> dict[str, list[float]]:
    """Seconds per run of each contender, the contenders taking turns in a rotating order.

    ``reset``, if given, runs untimed before every run (e.g. to restore a database the
    contenders change), so each run starts from the same state."""
    names = list(contenders)
    for _ in range(warmup):
        for name in names:
            if reset is not None:
                reset()
            contenders[name]()
    runs: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            if reset is not None:
                reset()
            start = time.perf_counter()
            contenders[name]()
            runs[name].append(time.perf_counter() - start)
    return runs


def figures(workload: str, runs: Mapping[str, list[float]], items: int) -> dict[str, Figure]:
    """The median of each contender's runs as a ``Figure``."""
    return {
        name: Figure(
            workload, name, statistics.median(times), items, tuple(round(t, 6) for t in times)
        )
        for name, times in runs.items()
    }


def at_most_times(workload: str, ours: Figure, reference: Figure, limit: float) -> Check:
    """Ours may take at most ``limit`` times the reference's time."""
    ratio = ours.seconds / reference.seconds
    return Check(
        workload,
        f"{ratio:.2f}x {reference.contender}",
        f"≤ {limit:g}x {reference.contender}",
        ratio <= limit,
    )


def at_least_faster(workload: str, ours: Figure, peer: Figure, factor: float) -> Check:
    """Ours must be at least ``factor`` times faster than the peer."""
    ratio = peer.seconds / ours.seconds
    return Check(
        workload,
        f"{ratio:.1f}x faster than {peer.contender}",
        f"≥ {factor:g}x faster",
        ratio >= factor,
    )


def at_least_rate(workload: str, ours: Figure, rate: float, unit: str = "records/s") -> Check:
    """Ours must handle at least ``rate`` items per second."""
    return Check(
        workload, f"{ours.per_second:,.0f} {unit}", f"≥ {rate:,.0f} {unit}", ours.per_second >= rate
    )


def below_seconds(workload: str, ours: Figure, limit: float) -> Check:
    """Ours must finish in under ``limit`` seconds."""
    return Check(workload, f"{ours.seconds:.2f} s", f"< {limit:g} s", ours.seconds < limit)


def reported(workload: str, measured: str) -> Check:
    """A figure the table shows for context, with no target (the issue sets none)."""
    return Check(workload, measured, "none set", None)


def loop_seconds() -> float:
    """The machine's speed when the figures were taken: the best of five runs of a fixed
    pure-Python loop. A shared virtual machine runs the same code 10 to 30% slower at some
    hours than at others; figures from two runs compare only alongside this."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        runs.append(time.perf_counter() - start)
    return round(min(runs), 4)


def machine() -> dict[str, Any]:
    """Where the figures were taken: CPU, cores, Python, the versions of the contenders and
    the machine's speed at the time (``loop_seconds``)."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions: dict[str, str] = {}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "versions": versions,
        "loop_seconds": loop_seconds(),
    }


def save(
    name: str,
    figures: Iterable[Figure],
    checks: Iterable[Check],
    settings: Mapping[str, Any] | None = None,
) -> Path:
    """Write ``benchmarks/results/<name>.json`` and print the checks; return the path."""
    checks = list(checks)
    for check in checks:
        mark = {True: "met", False: "MISSED", None: "(reported)"}[check.met]
        print(f"  {check.workload}: {check.measured} (target {check.target}) {mark}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {
        "benchmark": name,
        "taken": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": dict(settings or {}),
        "figures": [figure.to_json() for figure in figures],
        "checks": [check.to_json() for check in checks],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
