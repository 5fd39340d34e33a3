"""Every endpoint, as a hostile client may call it: any method, a path holding a real case,
status token and offer or none, any query string, headers of any charset, ``If-Match``,
``Idempotency-Key``, ``Accept`` and ``Accept-Language``, and bodies from nothing to JSON
nested thousands deep, a megabyte-wide array or bytes that are no UTF-8. Each answer is
below 500, carries its request id, and a JSON error names what is wrong; a complaint
POST /complaints refuses after reading it is kept as a dead letter whose reason says why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
LIMIT = 200_000
PATHS = [
    "/", "/complaints", "/status/{token}", "/status/{token}/offers/{offer}",
    "/status/{token}/offers/o-1", "/cases/{case}", "/cases/{case}/respond",
    "/cases/{case}/transition", "/cases/{case}/resolve", "/cases/{case}/note",
    "/cases/{case}/events", "/cases/{case}/assign", "/cases/CK-NONE/note", "/events",
    "/openapi.json", "/status/", "/cases/%00/note", "/complaints/x",
]  # fmt: skip
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND"]
charsets = st.sampled_from(
    ["utf-8", "UTF-8", "gbk", "utf-16", "latin-1", "x-unknown", '"utf-8"', "utf-8;q", ""]
)
content_types = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "text/plain",
            "application/json-patch+json",
            "*/*",
            "application/json;;",
        ]
    ),
    st.builds(lambda c: f"application/json; charset={c}", charsets),
    st.builds(lambda c: f"application/x-www-form-urlencoded; charset={c}", charsets),
)
header_text = st.text(
    st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=40
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Content-Type": content_types,
        "Accept": st.sampled_from(["application/json", "text/html", "*/*;q=0", "x/y"])
        | header_text,
        "Accept-Language": st.sampled_from(["zh-CN", "en;q=0", "*", "zz"]) | header_text,
        "If-Match": st.sampled_from(['"1"', 'W/"2"', "*", '"' + "9" * 400 + '"']) | header_text,
        "Idempotency-Key": header_text,
        "Authorization": st.sampled_from([f"Bearer {AGENT}", "Bearer x", "Basic a"]),
        "X-Complaintkit-Timestamp": header_text,
    },
).map(
    lambda h: {k.encode(): v.strip(" \t").encode("latin-1") for k, v in h.items() if v is not None}
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
complaint_like = st.fixed_dictionaries(
    {"external_id": st.text(max_size=12), "customer": json_values, "text": json_values},
    optional={"channel": json_values, "received_at": json_values, "amount": json_values},
)


def _nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


bodies = st.one_of(
    st.just(b""),
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    complaint_like.map(lambda v: json.dumps(v, ensure_ascii=False).encode()),
    complaint_like.map(lambda v: json.dumps(v).encode("utf-16")),
    st.integers(min_value=1, max_value=20_000).map(_nested),
    st.integers(min_value=1, max_value=20_000).map(lambda n: b"[" * n + b"]" * n),
    st.just(b"[" + b"0," * 600_000 + b"0]"),
    st.just(b'{"text": "' + b"\xff" * 50 + b'"}'),
)
queries = st.lists(
    st.tuples(
        st.sampled_from(["after", "limit", "lang", "x", ""]) | st.text(max_size=5),
        st.text(max_size=12),
    ),
    max_size=4,
)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk, dict[str, str]]]:
    desk = Desk(policy="policies/ecommerce")
    case = desk.intake(make_complaint("FZ-1"))
    places = {"case": case.id, "token": case.status_token, "offer": "o-1"}
    app = create_app(desk, agent_tokens={AGENT: "li.na"}, max_body=LIMIT, form=True)
    with running_server(app) as url, loopback_client(base_url=url, timeout=60) as client:
        yield client, desk, places


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(METHODS),
    path=st.sampled_from(PATHS),
    query=queries,
    sent=headers,
    body=bodies,
)
def test_any_request_is_answered_below_500_named_and_kept(
    served: tuple[httpx.Client, Desk, dict[str, str]],
    method: str,
    path: str,
    query: list[tuple[str, str]],
    sent: dict[bytes, bytes],
    body: bytes,
) -> None:
    client, desk, places = served
    target = path.format(**places)
    before = len(desk.storage.dead_letters())
    response = client.request(method, target, params=tuple(query), headers=sent, content=body)
    said = response.text[:300]
    assert response.status_code < 500, (method, target, said)
    assert response.headers.get("x-request-id"), said
    answer: Any = None
    if response.headers.get("content-type", "").startswith("application/json") and method != "HEAD":
        answer = response.json()
    if response.status_code >= 400 and isinstance(answer, dict):
        assert answer.get("error"), said
        assert answer.get("request_id") == response.headers["x-request-id"], said
    refused_complaint = (method, target) == ("POST", "/complaints") and response.status_code in (
        400,
        409,
        413,
        415,
        422,
    )
    if refused_complaint and body:
        source = f"http:http:{response.headers['x-request-id']}"
        letters = [d for d in desk.storage.dead_letters() if d.source.startswith(source)]
        assert len(letters) == 1, (said, len(desk.storage.dead_letters()) - before)
        assert letters[0].reason, said
