"""A customer who gave no name is greeted politely in their language, never by their id
(the form's is a hash of their contact)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.mark.parametrize(
    ("text", "contact", "greeting"),
    [
        ("买的酸奶过期了", "13800138000", "顾客您好"),
        ("The yoghurt I bought was out of date", "sam@example.com", "Dear customer,"),
    ],
)
def test_the_acknowledgement_of_a_form_without_a_name_greets_the_customer(
    tmp_path: Path, text: str, contact: str, greeting: str
) -> None:
    desk = Desk(
        load_policy(RETAIL),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(datetime(2026, 12, 1, 4, tzinfo=UTC)),
    )
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        sent = client.post("/", data={"contact": contact, "text": text})
    assert sent.status_code == 303
    (delivery,) = desk.storage.deliveries("pending")
    body = delivery.outgoing.payload["body"]
    case = desk.get(delivery.outgoing.case_id or "")
    assert greeting in body
    assert case.complaint.customer.id not in body
