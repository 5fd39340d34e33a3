"""A customer's answer to an offer that the case kept changing under (``answer_busy``) or
that the Desk refused (``answer_refused``, a cap without room) was a 409 naming no field,
where the other refusals of an answer name one (``answer``, ``offer_id``): a client could
not tell what to mend or whether to send again but by reading the sentence. A busy case now
names ``version`` (send it again), a refused answer ``answer`` (this answer cannot stand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from offered_voucher import voucher_desk
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import Conflict, InvalidInput
from complaintkit.model.money import Money


@pytest.mark.parametrize(
    ("refusal", "field"),
    [(Conflict("CK-1", 3, 4), "version"), (InvalidInput("compensation", "over the cap"), "answer")],
)
def test_a_409_to_an_answer_names_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: Exception, field: str
) -> None:
    desk: Desk = voucher_desk(tmp_path)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "a-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c-1"},
            "text": "买的电水壶漏水",
        }
    )
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise refusal

    monkeypatch.setattr(desk, "accept_compensation", refused)
    status, _, answer = asgi_request(
        create_app(desk),
        "POST",
        f"/status/{case.status_token}/offers/comp-1",
        [(b"content-type", b"application/json")],
        json.dumps({"answer": "accept"}).encode(),
    )
    refusal_body = json.loads(answer)
    assert status == 409, refusal_body
    assert refusal_body["field"] == field
