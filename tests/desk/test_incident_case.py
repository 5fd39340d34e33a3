"""A batch incident opens its own case: routed to a named owner, with its own SLA, notified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, the store is open


def milk(n: int, hours: float) -> dict[str, object]:
    return {
        "channel": "wechat",
        "external_id": f"M-{n}",
        "received_at": (T0 + timedelta(hours=hours)).isoformat(),
        "customer": {"id": f"c-{n}", "contact": f"c{n}@example.cn"},
        "text": "买的牛奶变质了",
        "product": "SKU-MILK-1L",
    }


def incident_cases(desk: Desk) -> list[object]:
    return [c for c in desk.find() if c.complaint.channel == "incident"]


def test_three_complaints_about_one_product_open_one_incident_case(tmp_path: Path) -> None:
    clock = ManualClock(T0)
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)

    def arrives(n: int, hours: int) -> Case:
        clock.set(T0 + timedelta(hours=hours))  # taken in as it is received
        return desk.intake(milk(n, hours))

    arrives(1, 0)
    arrives(2, 5)
    assert incident_cases(desk) == []
    third = arrives(3, 20)
    (incident,) = [c for c in desk.find() if c.complaint.channel == "incident"]
    assert (incident.team, incident.owner) == ("quality", "qa.zhou")
    assert {"incident", "recall"} <= set(incident.tags)
    opened = third.complaint.received_at
    assert incident.complaint.received_at == opened
    assert incident.clocks.metrics["first_response"].due_at == opened + timedelta(hours=1)
    assert incident.complaint.attributes["incident_cases"] == 3
    arrives(4, 21)  # joins the open incident: no second incident case
    assert len([c for c in desk.find() if c.complaint.channel == "incident"]) == 1
    sent = [
        d.outgoing.as_message()
        for d in desk.storage.deliveries()
        if d.outgoing.case_id == incident.id and d.outgoing.kind == "message"
    ]
    assert {(m.role, m.to) for m in sent} == {
        ("owner", "qa.zhou@shop.example"),
        ("manager", "zhao.region@shop.example"),
    }
    assert not [d for d in desk.storage.dead_letters() if incident.id in str(d.raw)]


def test_a_batch_taken_in_at_once_opens_one_incident_case(tmp_path: Path) -> None:
    clock = ManualClock(T0 + timedelta(hours=5))  # when the last of them is received
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    desk.intake_many([milk(n, n) for n in range(1, 6)])
    assert len([c for c in desk.find() if c.complaint.channel == "incident"]) == 1


POLICIES = Path(__file__).resolve().parents[2] / "policies"


@pytest.mark.parametrize(
    ("policy", "count", "complaint", "owner"),
    [
        (
            "ecommerce/online-shop.yaml",
            5,
            {"text": "收到的耳机有杂音", "product": "SKU-EAR-9"},
            ("qa", "gao.qa"),
        ),
        (
            "property/property-management.yaml",
            3,
            {"text": "家里停水了", "attributes": {"building": "2号楼"}},
            ("manager", "wu.jingli"),
        ),
    ],
)
def test_each_shipped_policy_opens_an_owned_incident_case(
    tmp_path: Path,
    policy: str,
    count: int,
    complaint: dict[str, object],
    owner: tuple[str, str],
) -> None:
    clock = ManualClock(T0)
    desk = Desk(
        load_policy(POLICIES / policy), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock
    )
    for n in range(count):
        clock.set(T0 + timedelta(hours=n))  # taken in as it is received
        desk.intake(
            {
                "channel": "app",
                "external_id": f"B-{n}",
                "received_at": (T0 + timedelta(hours=n)).isoformat(),
                "customer": {"id": f"c-{n}", "contact": f"c{n}@example.cn"},
                **complaint,
            }
        )
    (incident,) = [c for c in desk.find() if c.complaint.channel == "incident"]
    assert (incident.team, incident.owner) == owner
    assert "incident" in incident.tags
    assert incident.clocks.metrics["first_response"].state == "running"
    letters = [
        (d.outgoing.as_message().role, d.outgoing.as_message().to)
        for d in desk.storage.deliveries()
        if d.outgoing.case_id == incident.id and d.outgoing.kind == "message"
    ]
    # one letter per address: the property policy's manager is the incident's owner
    assert len({to for _, to in letters}) == len(letters)
    roles = {role for role, _ in letters}
    assert roles == ({"owner"} if policy.startswith("property/") else {"owner", "manager"})
    assert desk.storage.dead_letters() == []
