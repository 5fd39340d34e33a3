"""A customer object without its ``id`` is refused naming ``customer.id`` as required, as a
blank id is: it was refused with Python's own words for the constructor call
(``Customer.__init__() missing 1 required positional argument: 'id'``), naming only
``customer``, in the 422 and in the dead letter kept for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.testing.server import running_server
from loopback import loopback_client


@pytest.mark.parametrize("customer", [{}, {"name": "王芳", "contact": "wang@example.cn"}])
def test_a_customer_without_an_id_is_told_the_id_is_required(customer: dict[str, str]) -> None:
    record = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-12-01T10:00:00+08:00",
        "customer": customer,
        "text": "牛奶过期了",
    }
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(record)
    assert (raised.value.field, raised.value.message) == ("customer.id", "is required")


def test_a_posted_customer_without_an_id_is_a_422_and_a_dead_letter_naming_it(
    tmp_path: Path,
) -> None:
    body = {"external_id": "W-2", "customer": {"name": "Ann"}, "text": "the milk was sour"}
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        answer = client.post("/complaints", content=json.dumps(body))
        assert answer.status_code == 422
        assert (answer.json()["field"], answer.json()["error"]) == ("customer.id", "is required")
        [letter] = desk.storage.dead_letters()
    assert letter.reason == "customer.id: is required"
    assert json.loads(letter.raw) == body
