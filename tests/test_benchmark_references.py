"""The hand-written references of the benchmarks decide as the policies they stand beside.

A benchmark's reference repeats a policy by hand (the intake path's if/elif chain repeats
the demo policy's keyword lists), so a change to the policy that the reference does not
follow makes ``make bench`` fail at its agreement check, long after the change landed.
This runs that check on every ``make test``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


def test_the_intake_path_reference_decides_as_the_demo_policy() -> None:
    """On the benchmark's own records (the real CFPB and waimai rows when ../shared/data is
    there, synthetic texts otherwise), every contender assesses every record alike."""
    intake_path = benchmark("intake_path")
    data = intake_path.records(20_000)
    runs = intake_path.contenders(data, intake_path.earlier_counts(data))
    intake_path.same_answers(runs)
