"""Any header bytes and query string an HTTP parser lets through, on any route, straight
to the application (no client library tidies them first): an answer below 500 with its
request id, and every complaint body the API refuses kept where that id says."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
DESK = Desk()
CASE = DESK.intake(make_complaint("HF1"))
# every refused body kept: a near miss of /complaints (GET with a body) is kept too, and
# the examples would use up one sender's allowance
APP = create_app(DESK, agent_tokens={AGENT: "li.na"}, refusals_kept=100_000)

#: Bytes a header value may hold once the parser has read it: no CR, LF or NUL.
header_values = st.binary(max_size=40).map(
    lambda b: b.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"").strip()
) | st.sampled_from(
    [
        b"application/json; charset=gbk",
        b"application/json; charset=",
        b'application/json; charset="utf-8',
        b"application/x-www-form-urlencoded; charset=utf-16",
        b"multipart/form-data; boundary=",
        b"multipart/form-data",
        b"text/html;q=0.5, application/json;q=0.5",
        b"text/html;q=nan",
        b"zh-CN,zh;q=0.9,en;q=abc",
        "Bearer 令牌".encode(),
        f"Bearer {AGENT}".encode(),
        b"gzip",
        b"99999999999999999999999",
        b"-1",
    ]
)
header_names = st.sampled_from(
    [
        b"content-type",
        b"content-length",
        b"accept",
        b"accept-language",
        b"authorization",
        b"content-encoding",
        b"x-complaintkit-signature",
        b"x-complaintkit-timestamp",
        b"cookie",
        b"host",
    ]
)
PATHS = [
    "/",
    "/complaints",
    f"/status/{CASE.status_token}",
    "/status/x",
    f"/cases/{CASE.id}/respond",
    f"/cases/{CASE.id}/events",
    "/events",
    "/openapi.json",
]
query_strings = st.binary(max_size=40) | st.sampled_from(
    [b"lang=%FF", b"lang=zh&lang=en", b"lang=\xe4\xb8\xad", b"cursor=%00", b"limit=1e9", b"%"]
)
bodies = st.binary(max_size=80) | st.sampled_from(
    [
        json.dumps({"external_id": "H", "customer": {"id": "c"}, "text": "漏水"}).encode(),
        "text=漏水&contact=13800001234".encode(),
        b"text=%E6%BC%8F%E6%B0%B4&contact=%FF",
        b"\xef\xbb\xbf{}",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "HEAD"]),
    path=st.sampled_from(PATHS),
    query=query_strings,
    headers=st.lists(st.tuples(header_names, header_values), max_size=6),
    body=bodies,
)
def test_any_headers_and_query_get_an_answer_below_500_with_its_request_id(
    method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    before = len(DESK.storage.dead_letters())
    status, answer_headers, answer = asgi_request(APP, method, path, headers, body, query)
    assert status < 500, answer
    request_id = answer_headers.get(b"x-request-id")
    assert request_id, (status, answer)
    if status >= 400 and b"application/json" in answer_headers.get(b"content-type", b""):
        assert json.loads(answer)["request_id"] == request_id.decode()
    kept = DESK.storage.dead_letters()[before:]
    if path == "/complaints" and method == "POST" and status in (413, 422):
        assert [letter.source.split(":")[2].split(" ")[0] for letter in kept] == [
            request_id.decode()
        ]
