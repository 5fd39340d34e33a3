"""Attributes past their limit (``model.complaint.MAX_ATTRIBUTE_ITEMS``) in a body within the
body limit are refused with 422 naming the path, and the body is kept as a dead letter."""

from __future__ import annotations

import json

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.complaint import MAX_ATTRIBUTE_ITEMS
from complaintkit.testing.server import running_server
from loopback import loopback_client


def test_too_many_attribute_items_are_422_and_a_dead_letter() -> None:
    desk = Desk(storage="memory:")
    complaint = {
        "external_id": "BIG-1",
        "customer": {"id": "c"},
        "text": "漏水",
        "attributes": {"a": [0] * (MAX_ATTRIBUTE_ITEMS + 1)},
    }
    body = json.dumps(complaint).encode()
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        response = client.post(
            "/complaints", content=body, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 422, response.text
    assert response.json()["field"].startswith("attributes.a[")
    assert desk.storage.find_by_key("http", "BIG-1") is None
    assert desk.storage.dead_letters()[-1].raw == body
