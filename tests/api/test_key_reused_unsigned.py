"""A complaint sent unsigned under a key its customer id already holds, with other content,
was refused naming the fields that differ (``order_id, text differ``). Without a secret,
the customer id is whatever the sender says: anyone who knew a key and the id could guess
another customer's order number, contact or amount one field at a time, the field leaving
the list when the guess was right. The 409 now names no field of the complaint holding
the key; the dead letter kept for staff still does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

HELD = {
    "external_id": "ORD-1",
    "customer": {"id": "c-17", "contact": "wang@example.com", "name": "王女士"},
    "text": "冰箱坏了",
    "order_id": "SO-998877",
    "amount": {"amount": "3999.00", "currency": "CNY"},
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Desk, httpx.Client]]:
    desk = Desk()
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        assert client.post("/complaints", json=HELD).status_code == 201
        yield desk, client


def _refusal(client: httpx.Client, guess: Mapping[str, object]) -> dict[str, object]:
    answer = client.post("/complaints", json={**HELD, "text": "a guess", **guess})
    assert answer.status_code == 409, answer.text
    return {k: v for k, v in answer.json().items() if k != "request_id"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order_id=st.sampled_from(["SO-998877", "SO-1", "SO-998878"]),
    contact=st.sampled_from(["wang@example.com", "li@example.com"]),
    amount=st.sampled_from(["3999.00", "1.00"]),
)
def test_an_unsigned_refusal_tells_no_guess_right_from_wrong(
    served: tuple[Desk, httpx.Client], order_id: str, contact: str, amount: str
) -> None:
    _, client = served
    guess = {
        "order_id": order_id,
        "customer": {"id": "c-17", "contact": contact},
        "amount": {"amount": amount, "currency": "CNY"},
    }
    wrong = {
        "order_id": "no-such-order",
        "customer": {"id": "c-17", "contact": "nobody@example.com"},
        "amount": {"amount": "0.01", "currency": "CNY"},
    }
    refused = _refusal(client, guess)
    assert refused == _refusal(client, wrong)
    assert refused["field"] == "external_id"
    for named in ("order_id", "contact", "amount", "text", "differs", "differ from"):
        assert named not in str(refused["error"])


def test_staff_still_read_which_fields_differ(served: tuple[Desk, httpx.Client]) -> None:
    desk, client = served
    _refusal(client, {"order_id": "SO-1"})
    reasons = [letter.reason for letter in desk.storage.dead_letters()]
    assert any("order_id, text differ" in reason for reason in reasons), reasons


@pytest.mark.parametrize("customer", ["c-17", "c-18", "someone-else"])
def test_an_unsigned_refusal_tells_no_customer_id_from_another(
    served: tuple[Desk, httpx.Client], customer: str
) -> None:
    """Nor which customer holds the key: a guess of their id, right or wrong, is refused
    alike (the holder's id, a member number or a telephone number, is theirs)."""
    _, client = served
    right = _refusal(client, {"customer": {"id": "c-17"}})
    assert _refusal(client, {"customer": {"id": customer}}) == right
    assert "another customer" not in str(right["error"])
