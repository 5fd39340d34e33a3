"""The hand-written references of the benchmarks decide as the policies they stand beside.

A benchmark's reference repeats a policy by hand (the intake path's if/elif chain repeats
the demo policy's keyword lists), so a change to the policy that the reference does not
follow makes ``make bench`` fail at its agreement check, long after the change landed.
This runs that check on every ``make test``.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from complaintkit.demo.script import demo_policy_path
from complaintkit.model import Complaint, Customer
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

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


def test_the_intake_path_reference_grades_expired_food_beside_a_coupon_as_the_demo() -> None:
    """Texts the benchmark's records may never hold: expired food told beside an expired
    coupon is food safety in both, a coupon that lapsed on a food's purchase is not."""
    intake_path = benchmark("intake_path")
    policy = load_policy(demo_policy_path())
    texts = [
        "\u4e70\u7684\u725b\u5976\u8fc7\u671f\u4e86\uff0c\u4f18\u60e0\u5238\u4e5f\u8fc7\u671f\u4e86",
        "The yogurt was expired, and my voucher expired too",
        "\u4e70\u725b\u5976\u65f6\u4f18\u60e0\u5238\u5c45\u7136\u8fc7\u671f\u4e86",
        "I bought milk with a coupon but the coupon was expired",
    ]
    for text in texts:
        complaint = Complaint(
            channel="web",
            external_id="x",
            received_at=datetime(2026, 12, 1, tzinfo=UTC),
            customer=Customer(id="c"),
            text=text,
        )
        ours = policy.assess(complaint, intake_path.Earlier(0))
        hand = intake_path.hand_assess("", text, "web", None, 0)
        assert (ours.category, ours.severity, ours.priority, ours.tags) == hand[:4], text


def test_the_replay_benchmark_replays_every_case_it_copies(tmp_path: Path) -> None:
    """The replay benchmark's store holds copies of real histories under new ids; were a
    copy's events not sealed again for its new case, every hash check would fail and the
    replay would time a store of damaged cases, comparing none."""
    bench = benchmark("replay")
    path = tmp_path / "replay.db"
    bench.build(path, 12)
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins())
    assert (result.comparison.cases, result.damaged) == (12, [])
