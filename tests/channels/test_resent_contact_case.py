"""A complaint sent again with its customer's e-mail address in another letter case
(``Li@Example.com``, then ``li@example.com`` from a client or CRM that lower-cases
addresses, as the mail channel does) was refused as a key "reused with different content
(customer.contact differs)": over HTTP a 409 for a retry, from a file a dead letter for a
re-run. Mailboxes are compared without letter case, as replies are matched to letters;
another address is still a change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.desk.resent import changed_fields, changed_since, digests
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.testing.server import running_server
from loopback import loopback_client


def _complaint(contact: str) -> Complaint:
    return Complaint(
        channel="http",
        external_id="M-1",
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id="c1", contact=contact),
        text="broken",
    )


@pytest.mark.parametrize("again", ["li@example.com", "LI@EXAMPLE.COM", "Li@example.COM"])
def test_an_address_in_another_case_is_the_same(again: str) -> None:
    first = _complaint("Li@Example.com")
    assert changed_fields(first, _complaint(again)) == []
    assert changed_since(digests(first), _complaint(again)) == []


def test_another_address_is_a_change() -> None:
    assert changed_fields(_complaint("li@example.com"), _complaint("wang@example.com")) == [
        "customer.contact"
    ]


def test_a_retry_over_http_with_the_address_lower_cased_gets_its_case() -> None:
    desk = Desk(storage="memory:")

    def body(contact: str) -> dict[str, object]:
        return {"external_id": "M-1", "customer": {"id": "c1", "contact": contact}, "text": "x"}

    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        first = client.post("/complaints", json=body("Li@Example.com"))
        again = client.post("/complaints", json=body("li@example.com"))
    assert first.status_code == 201, first.text
    assert again.status_code == 200, again.text
    assert again.json()["case_id"] == first.json()["case_id"]
