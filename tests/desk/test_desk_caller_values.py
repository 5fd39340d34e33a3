"""Values a Python caller hands the Desk are checked as HTTP input is: what no backend
stores alike (NaN became null in SQLite but stayed NaN in memory; key 1 became "1") or
cannot store at all (a Decimal, a date: a TypeError from deep in the encoder) is refused
naming the field, and nothing is stored; money may be given as Money."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import MAX_TEXT_CHARS
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint


@pytest.fixture(params=["memory:", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    url = request.param if request.param == "memory:" else f"sqlite:///{tmp_path / 'c.db'}"
    return Desk(storage=url)


def nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


BAD_VALUES = [
    (float("nan"), "loss"),
    (float("inf"), "loss"),
    (Decimal("1.5"), "loss"),
    (date(2026, 1, 1), "loss"),
    (b"bytes", "loss"),
    ({1: "one"}, "loss"),
    ({"deep": nested(40)}, "loss.deep"),
    (object(), "loss"),
]


@pytest.mark.parametrize(("value", "where"), BAD_VALUES)
def test_facts_no_backend_stores_alike_are_refused_by_name(
    desk: Desk, value: Any, where: str
) -> None:
    case = desk.intake(make_complaint("a"))
    with pytest.raises(InvalidInput) as refused:
        desk.set_facts(case.id, {"loss": value}, actor="li.na")
    assert where in refused.value.field
    assert [e.kind for e in desk.history(case.id)][-1] != "facts_set"


@pytest.mark.parametrize(("value", "where"), BAD_VALUES)
def test_custom_event_data_and_incidents_are_checked_alike(
    desk: Desk, value: Any, where: str
) -> None:
    case = desk.intake(make_complaint("a"))
    with pytest.raises(InvalidInput) as refused:
        desk.record_event(case.id, "site_visit", actor="li.na", data={"loss": value})
    assert where in refused.value.field
    with pytest.raises(InvalidInput) as refused:
        desk.flag_incident(case.id, {"loss": value})
    assert where in refused.value.field
    kinds = [e.kind for e in desk.history(case.id)]
    assert "site_visit" not in kinds
    assert "incident_detected" not in kinds


def test_money_given_as_money_is_kept_as_its_amount_and_currency(desk: Desk) -> None:
    case = desk.intake(make_complaint("a"))
    loss = Money(Decimal("12.50"), "CNY")
    case = desk.set_facts(case.id, {"loss": loss}, actor="li.na")
    assert case.attributes["loss"] == {"amount": "12.50", "currency": "CNY"}
    assert desk.get(case.id).attributes["loss"] == case.attributes["loss"]


@pytest.mark.parametrize("now", [datetime(2026, 11, 23, 9), "2026-11-23T09:00:00+00:00"])  # noqa: DTZ001
def test_a_tick_or_a_delivery_at_an_instant_without_a_zone_is_refused(desk: Desk, now: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        desk.tick(now)
    assert refused.value.field == "now"
    with pytest.raises(InvalidInput) as refused:
        desk.deliver(now)
    assert refused.value.field == "now"


def test_an_aware_tick_still_runs(desk: Desk) -> None:
    assert desk.tick(datetime(2026, 11, 23, 9, tzinfo=UTC)).cases == 0


@pytest.mark.parametrize("method", ["respond", "update", "note"])
def test_a_message_longer_than_a_complaint_may_be_is_refused(desk: Desk, method: str) -> None:
    """A reply, update or note is held to the complaint text's limit (a 20 MB reply was
    stored, hashed and sent)."""
    case = desk.intake(make_complaint("a"))
    with pytest.raises(InvalidInput, match="100,000"):
        getattr(desk, method)(case.id, "好" * (MAX_TEXT_CHARS + 1), actor="li.na")
    getattr(desk, method)(case.id, "好" * MAX_TEXT_CHARS, actor="li.na")
    assert len(desk.history(case.id)) > 3


def test_a_desk_takes_its_policy_as_a_path(tmp_path: Path) -> None:
    demo = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"
    for given in (demo, str(demo)):
        desk = Desk(given, storage="memory:")
        assert desk.policy.version == load_policy(demo).version
        assert desk.intake(make_complaint("a")).category != "uncategorised"


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"policy": {"categories": []}}, "policy"),
        ({"storage": 5}, "storage"),
        ({"storage": None}, "storage"),
        ({"clock": "now"}, "clock"),
        ({"plugins": "all"}, "plugins"),
    ],
)
def test_a_desk_built_from_the_wrong_things_says_which(arguments: Any, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        Desk(**arguments)


REASONED = {
    "transition": lambda d, c, r: d.transition(c, "investigating", actor="li.na", reason=r),
    "assign": lambda d, c, r: d.assign(c, "qa.zhou", actor="li.na", reason=r),
    "record_event": lambda d, c, r: d.record_event(c, "holding_reply", actor="li.na", reason=r),
    "set_facts": lambda d, c, r: d.set_facts(c, {"fault": "merchant"}, actor="li.na", reason=r),
    "flag_incident": lambda d, c, r: d.flag_incident(c, {"id": "INC-1"}, reason=r),
}


@pytest.mark.parametrize("method", sorted(REASONED))
def test_a_reason_longer_than_a_complaint_may_be_is_refused(desk: Desk, method: str) -> None:
    """A reason is held to the complaint text's limit, as a reply is: a 10 MB reason on a
    move was stored, hashed into the chain and shown by every history view."""
    case = desk.intake(make_complaint("a"))
    before = desk.history(case.id)
    with pytest.raises(InvalidInput, match="100,000") as refused:
        REASONED[method](desk, case.id, "因" * (MAX_TEXT_CHARS + 1))
    assert refused.value.field == "reason"
    assert desk.history(case.id) == before


def test_a_reason_as_long_as_a_complaint_may_be_is_kept(desk: Desk) -> None:
    case = desk.intake(make_complaint("a"))
    desk.transition(case.id, "investigating", actor="li.na", reason="因" * MAX_TEXT_CHARS)
    assert desk.history(case.id)[-1].reason == "因" * MAX_TEXT_CHARS


@pytest.mark.parametrize("reason", [None, 5, b"why"])
def test_a_reason_that_is_not_text_is_refused(desk: Desk, reason: Any) -> None:
    case = desk.intake(make_complaint("a"))
    before = desk.history(case.id)
    with pytest.raises(InvalidInput) as refused:
        desk.transition(case.id, "investigating", actor="li.na", reason=reason)
    assert refused.value.field == "reason"
    assert desk.history(case.id) == before
