"""Any headers, query and body, on every route of a server with a secret, agents and the
form: never a 500, and every JSON refusal of a request names what it refuses (``field``),
but for those about no part of the request: an unknown path, a method the path does not
take (with ``Allow``) and a case whose state refuses the step (409)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.agent import STEPS
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
SECRET = "intake-secret-of-the-shop"
#: Refusals about no part of the request, so naming none.
UNNAMED = {404: "no such endpoint", 405: "this endpoint takes only"}

header_names = st.sampled_from(
    ["Authorization", "Content-Type", "Content-Encoding", "Accept", "Accept-Language",
     "Idempotency-Key", HEADER, TIMESTAMP_HEADER, "Expect", "X-Request-Id"]
)  # fmt: skip
header_values = st.text(
    st.characters(min_codepoint=32, max_codepoint=126), max_size=30
).map(str.strip) | st.sampled_from(
    [f"Bearer {AGENT}", "application/json", "application/json; charset=gbk", "gzip",
     "sha256=00", "sha256=" + "A" * 64, str(int(time.time())), "text/html", "zh-CN", "k1"]
)  # fmt: skip
bodies = st.binary(max_size=60) | st.sampled_from(
    [b"{}", b'{"text": "x"}', b'{"message": "x"}', b'{"to": "closed"}', b'{"score": 3}',
     b'{"resolution": "r"}', b'{"name": "x"}', b'{"owner": "a"}', b'{"answer": "accept"}',
     b'{"external_id": "E", "customer": {"id": "c"}, "text": "t"}', b"text=x&contact=y"]
)  # fmt: skip
queries = st.dictionaries(
    st.sampled_from(["after", "limit", "lang", "x"]), st.text(max_size=8), max_size=3
)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, list[str]]]:
    desk = Desk()
    case = desk.intake(make_complaint("NAMED-1"))
    app = create_app(desk, secret=SECRET, agent_tokens={AGENT: "li.na"}, form=True)
    paths = ["/", "/complaints", "/events", "/openapi.json", "/nowhere", "/cases/NOPE/note",
             f"/status/{case.status_token}", f"/status/{case.status_token}/offers/comp-1",
             "/status/unknown", *(f"/cases/{case.id}/{step}" for step in
                                  sorted({*STEPS, "respond", "transition", "resolve"}))]  # fmt: skip
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, paths


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    at=st.integers(0, 100),
    headers=st.lists(st.tuples(header_names, header_values), max_size=6),
    authorised=st.booleans(),
    query=queries,
    body=bodies,
)
def test_no_500_and_every_refusal_names_its_field(
    served: tuple[httpx.Client, list[str]],
    method: str,
    at: int,
    headers: list[tuple[str, str]],
    authorised: bool,
    query: dict[str, str],
    body: bytes,
) -> None:
    client, paths = served
    path = paths[at % len(paths)]
    if authorised:
        headers = [*headers, ("Authorization", f"Bearer {AGENT}")]
    response = client.request(method, path, params=query, headers=headers, content=body)
    assert response.status_code < 500, response.text
    assert response.headers["X-Request-Id"]
    if response.status_code == 405:
        assert response.headers["Allow"]
    json_refusal = response.status_code >= 400 and response.headers.get(
        "content-type", ""
    ).startswith("application/json")
    if not json_refusal or method == "HEAD":
        return
    refusal = response.json()
    assert refusal["request_id"] == response.headers["X-Request-Id"]
    unnamed = UNNAMED.get(response.status_code)
    if response.status_code == 409 or (unnamed and refusal["error"].startswith(unnamed)):
        return
    assert refusal.get("field"), (method, path, response.status_code, refusal)
