"""A complaint taken in unsigned under a key another complaint holds is kept under the key
it sent followed by ``~`` and a digest (``api.unsigned_keys``), for staff. The customer
never sees that form: not in the letters sent to them, nor on their status page."""

from __future__ import annotations

import json
from typing import Any

from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk

JSON = [(b"content-type", b"application/json")]
HELD = {"external_id": "ORD-1", "customer": {"id": "c-17", "contact": "wang@example.com"},
        "text": "冰箱坏了"}  # fmt: skip
OTHER = {"external_id": "ORD-1", "customer": {"id": "c-99", "contact": "li@example.com"},
         "text": "我的订单也是 ORD-1"}  # fmt: skip


def post(app: Any, body: dict[str, Any]) -> dict[str, Any]:
    _, _, answer = asgi_request(app, "POST", "/complaints", JSON, json.dumps(body).encode())
    return dict(json.loads(answer))


def test_the_customer_never_sees_the_key_of_its_own() -> None:
    desk = Desk(policy="policies/ecommerce")
    app = create_app(desk)
    post(app, HELD)
    opened = post(app, OTHER)
    case = desk.get(opened["case_id"])
    kept = case.complaint.external_id
    assert kept.startswith("ORD-1~")
    token = opened["status_url"].rsplit("/", 1)[1]
    seen = [
        asgi_request(app, "GET", f"/status/{token}", [(b"accept", accept)], b"")[2].decode()
        for accept in (b"text/html", b"application/json")
    ]
    letters = [
        d.outgoing.payload
        for d in desk.storage.deliveries(case_id=case.id)
        if d.outgoing.payload.get("role") == "customer"
    ]
    assert letters
    seen += [json.dumps(letter, ensure_ascii=False) for letter in letters]
    for text in seen:
        assert kept not in text
        assert kept[len("ORD-1") :] not in text
