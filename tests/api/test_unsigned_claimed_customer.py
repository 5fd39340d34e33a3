"""An unsigned sender who gives a real customer's id (and their key, their contact) reads
and changes nothing of that customer's cases: each body that does not repeat the
customer's complaint whole opens a case of its own, whose status link and page show only
what that body said, and the customer's case stays as it was."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.testing.server import running_server
from loopback import loopback_client

REAL = {
    "channel": "http",
    "external_id": "ORD-8812",
    "customer": {"id": "vip-0042", "name": "Wang Fang", "contact": "wang.fang@example.cn"},
    "subject": "SECRET-SUBJECT refund for order 8812",
    "text": "SECRET-TEXT my card ending 4417 was charged twice",
    "order_id": "8812",
}
SECRETS = ("SECRET", "4417", "Wang Fang", "wang.fang")
WHOLE = {k: v for k, v in REAL.items() if k != "channel"}
# blank words are a blank external_id or text, refused (422) as any client's would be
words = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=8).filter(
    str.strip
)
#: A key with a blank at either end, or not in NFC, is refused (422): it would look like
#: another key.
keys = words.filter(lambda word: word == word.strip() == unicodedata.normalize("NFC", word))

claims = st.fixed_dictionaries(
    {
        "customer": st.just(REAL["customer"]) | st.just({"id": "vip-0042"}),
        "external_id": st.just("ORD-8812") | keys,
    },
    optional={
        "subject": st.just(REAL["subject"]) | words,
        "text": st.just(REAL["text"]) | words,
        "order_id": st.just("8812"),
    },
).filter(lambda body: body != WHOLE)  # the customer's own retry gets its case, by design


@pytest.fixture(scope="module", name="served")
def served_fixture() -> Iterator[tuple[httpx.Client, Desk, Case, int]]:
    desk = Desk()
    real = desk.intake({**REAL, "received_at": desk.clock.now().isoformat()})
    real = desk.respond(real.id, "SECRET-REPLY we refund you", actor="li.na")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk, real, len(desk.storage.events(real.id))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(claim=claims)
def test_a_stranger_claiming_a_customer_sees_and_changes_none_of_their_cases(
    served: tuple[httpx.Client, Desk, Case, int], claim: dict[str, object]
) -> None:
    client, desk, real, events_before = served
    claim.setdefault("text", "please call me")
    answer = client.post("/complaints", content=json.dumps(claim))
    assert answer.status_code in (200, 201), answer.text  # 200: this claim, sent before
    assert answer.json()["case_id"] != real.id
    assert real.status_token not in answer.text
    shown = [
        client.get(answer.json()["status_url"], headers={"Accept": accept})
        for accept in ("application/json", "text/html")
    ]
    said = json.dumps(claim, ensure_ascii=False)
    for page in shown:
        assert page.status_code == 200
        for secret in SECRETS:  # none of the real case's words, unless the claim said them
            assert secret in said or secret not in page.text
        assert "SECRET-REPLY" not in page.text
        assert real.id not in page.text
    after = desk.get(real.id)
    assert (after.version, after.status) == (real.version, real.status)
    assert len(desk.storage.events(real.id)) == events_before
