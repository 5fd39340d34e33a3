"""A policy that validates never crashes at run time: random complaints (any text, odd
attributes, amounts in other currencies, received at any hour of a year) go through every
shipped policy and every docs example that loads — explain, intake, a compensation
decision, ticks a month on and a resolution — and each step either works or is refused
with a complaintkit error."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.provisional import explain_complaint
from complaintkit.errors import ComplaintkitError
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.storage.memory import MemoryStorage

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (ROOT / "policies").rglob("*.yaml") if ".tests." not in p.name)
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(["true", "1600", "NaN", "1e400", " 3 ", "\uff19\uff19", "", "Infinity"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
_money = st.fixed_dictionaries(
    {
        "amount": st.sampled_from(["10.00", "0", "abc", "-5", "1e30", "12.345"]),
        "currency": st.sampled_from(["CNY", "EUR", "USD", "XXX", "cny"]),
    }
)
_attributes = st.dictionaries(
    st.sampled_from(
        ["days_late", "fraud", "unsafe_food", "loss", "price", "paid", "flight", "amount", "x"]
    ),
    _values | _money,
    max_size=5,
)
_texts = st.text(max_size=40) | st.sampled_from(
    [
        "牛奶变质了 异物",
        "late delivery, refund please",
        "退款 12315 投诉",
        "flight cancelled",
        "漏水",
    ]
)


def _docs_examples(folder: Path) -> list[Path]:
    """Each policy example of docs/ written out as its own policy, when it loads."""
    base = ROOT / "docs" / "policy" / "base.yaml"
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for number, block in enumerate(
            re.findall(r"```yaml\n(.*?)```", page.read_text("utf-8"), re.S)
        ):
            if block.lstrip().startswith("# policy-test") or "\ntests:" in f"\n{block}":
                continue
            head = (
                ""
                if block.lstrip().startswith("complaintkit:")
                else f"complaintkit: 1\nextends: {base}\n"
            )
            path = folder / f"{page.stem}-{number}.yaml"
            path.write_text(head + block, "utf-8")
            try:
                load_policy(path)
            except ComplaintkitError:
                continue  # a fragment, or an example of a mistake
            found.append(path)
    return found


def _survives(policy: Policy, data: dict[str, Any], attributes: dict[str, Any]) -> None:
    try:
        complaint = Complaint.from_json(data)
    except ComplaintkitError:
        return
    clock = ManualClock(datetime.fromisoformat(data["received_at"]))
    desk = Desk(policy, storage=MemoryStorage(), clock=clock)
    try:
        explain_complaint(policy, complaint).to_json()
        case = desk.intake(complaint)
    except ComplaintkitError:
        return
    steps: list[Callable[[], object]] = [
        lambda: desk.decide_compensation(case.id, attributes, partial=True),
        lambda: desk.propose_compensation(case.id, attributes, actor="agent"),
        lambda: clock.advance(timedelta(days=40)),
        desk.tick,
        lambda: desk.resolve(case.id, "handled", actor="agent"),
        desk.tick,
    ]
    for step in steps:
        try:
            step()
        except ComplaintkitError:
            continue


@st.composite
def complaints(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    attributes = draw(_attributes)
    received = T0 + timedelta(minutes=draw(st.integers(0, 400 * 24 * 60)))
    customer: dict[str, Any] = {"id": "C-1"}
    if tier := draw(st.none() | st.sampled_from(["gold", "vip", "普通", ""])):
        customer["tier"] = tier
    data: dict[str, Any] = {
        "channel": "web",
        "external_id": "fuzz-1",
        "received_at": received.isoformat(),
        "customer": customer,
        "text": draw(_texts),
        "attributes": attributes,
    }
    amount = draw(st.none() | st.decimals(Decimal(-10), Decimal(10**6), places=2))
    if amount is not None:
        currency = draw(st.sampled_from(["CNY", "EUR", "USD", "GBP", "HKD", "AUD"]))
        data["amount"] = {"amount": str(amount), "currency": currency}
    return data, attributes


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(complaint=complaints())
def test_a_shipped_policy_takes_any_complaint(
    path: Path, complaint: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    _survives(_loaded(path), *complaint)


def test_every_docs_example_takes_any_complaint(tmp_path_factory: pytest.TempPathFactory) -> None:
    examples = _docs_examples(tmp_path_factory.mktemp("docs-examples"))
    assert examples  # the pages hold policies that load

    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
    @given(complaint=complaints())
    def each(complaint: tuple[dict[str, Any], dict[str, Any]]) -> None:
        for example in examples:
            _survives(_loaded(example), *complaint)

    each()


_LOADED: dict[Path, Policy] = {}


def _loaded(path: Path) -> Policy:
    if path not in _LOADED:
        _LOADED[path] = load_policy(path)
    return _LOADED[path]
