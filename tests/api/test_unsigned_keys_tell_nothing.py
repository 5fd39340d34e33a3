"""Without a secret, anyone may send any key: a key held already must tell them nothing.

Before, a server without ``--secret`` answered a key another complaint held with a 409 and
a free one with a 201, so anyone could probe which order numbers had a complaint; a body
repeating only the key, the customer id and the text was a retry answered with the status
link of the case holding the key, someone else's; and every such 409 kept a dead letter,
so anyone could fill the table. Now only a body repeating the complaint whole is a retry;
any other under a held key is a case of its own (201, its own link, its key the one sent
followed by ``~`` and a digest), the same answer as for a free key, and no dead letter."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.complaint import MAX_ID_CHARS
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request

HELD = {
    "external_id": "ORD-1",
    "customer": {"id": "c-17", "contact": "wang@example.com", "name": "王女士"},
    "text": "冰箱坏了",
    "order_id": "SO-998877",
    "amount": {"amount": "3999.00", "currency": "CNY"},
}
JSON = [(b"content-type", b"application/json")]


def post(app: Any, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    status, _, answer = asgi_request(app, "POST", "/complaints", JSON, json.dumps(body).encode())
    return status, json.loads(answer)


def shape(answer: tuple[int, dict[str, Any]]) -> tuple[int, list[str], object]:
    status, body = answer
    return status, sorted(body), body.get("created")


customers = st.fixed_dictionaries(
    {"id": st.sampled_from(["c-17", "c-18", "x"])},
    optional={"contact": st.sampled_from(["wang@example.com", "li@example.com"])},
)
probes = st.fixed_dictionaries(
    {"customer": customers, "text": st.sampled_from(["冰箱坏了", "probe", "漏水 "])},
    optional={
        "order_id": st.sampled_from(["SO-998877", "SO-1"]),
        "amount": st.sampled_from([{"amount": "3999.00", "currency": "CNY"}]),
    },
)


@settings(max_examples=60, deadline=None)
@given(probe=probes)
def test_a_held_key_is_answered_as_a_free_one(probe: dict[str, Any]) -> None:
    desk = Desk()
    app = create_app(desk)
    assert post(app, HELD)[0] == 201
    held = shape(post(app, {**probe, "external_id": "ORD-1"}))
    free = shape(post(app, {**probe, "external_id": "ORD-2"}))
    assert held == free == (201, ["case_id", "created", "status", "status_url"], True)
    assert not desk.storage.dead_letters()


@settings(max_examples=40, deadline=None)
@given(probe=probes)
def test_only_the_whole_complaint_again_gets_its_link(probe: dict[str, Any]) -> None:
    app = create_app(Desk())
    _, first = post(app, HELD)
    _, guessed = post(app, {**probe, "external_id": "ORD-1"})
    assert guessed["status_url"] != first["status_url"]
    assert guessed["case_id"] != first["case_id"]
    status, again = post(app, HELD)  # a client whose first answer was lost
    assert status == 200
    assert again == {**first, "created": False}


def test_a_complaint_under_a_held_key_is_kept_as_its_case_and_sent_again_finds_it() -> None:
    desk = Desk()
    app = create_app(desk)
    post(app, HELD)
    other = {"external_id": "ORD-1", "customer": {"id": "c-99"}, "text": "我的订单也是 ORD-1"}
    opened, again = post(app, other), post(app, other)
    assert opened[0] == 201
    assert again == (200, {**opened[1], "created": False})
    case = desk.get(opened[1]["case_id"])
    assert case.complaint.external_id.startswith("ORD-1~")
    assert case.complaint.text == other["text"]
    assert not desk.storage.dead_letters()


def test_the_longest_key_held_is_answered_as_a_free_one() -> None:
    key = "K" * MAX_ID_CHARS
    app = create_app(Desk())
    post(app, {**HELD, "external_id": key})
    status, answer = post(app, {**HELD, "external_id": key, "text": "another"})
    assert (status, answer["created"]) == (201, True)


def test_a_signed_server_still_refuses_a_held_key() -> None:
    """A signed sender is known: its key is its own, and another complaint under it is a
    409 kept for staff, as before."""
    secret = "intake-secret-of-the-shop"
    desk = Desk()
    app = create_app(desk, secret=secret)
    stamp = int(desk.clock.now().timestamp())
    answers = []
    for body in (HELD, {**HELD, "text": "another"}):
        raw = json.dumps(body).encode()
        headers = [
            *JSON,
            (TIMESTAMP_HEADER.lower().encode(), str(stamp).encode()),
            (HEADER.lower().encode(), sign_request(secret, raw, stamp).encode()),
        ]
        answers.append(asgi_request(app, "POST", "/complaints", headers, raw)[0])
    assert answers == [201, 409]
    assert len(desk.storage.dead_letters()) == 1
