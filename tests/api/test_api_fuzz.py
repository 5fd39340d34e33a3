"""Whatever an agent or a customer sends: any JSON object to any case step is a case or a
named 4xx, any form is the status page or the form again with its errors, any token is a
page or a 404, any method on any path is an answer carrying its request id (an error's in
its JSON too) — never a 500 or an error the customer cannot read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.agent import STEPS
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
#: The agent's steps and the case routes of the app itself.
ENDPOINTS = sorted({*STEPS, "respond", "transition", "resolve", "events"})
FIELDS = ["text", "message", "owner", "team", "reason", "fishbone", "whys", "nature",
          "impact", "improvements", "facts", "status", "to", "kind", "data", "resolution",
          "at", "channel"]  # fmt: skip
values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["", " ", "li.na", "people", "systemic", "2026-11-23T09:00:00+08:00"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
bodies = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=5)


AUTH = {"Authorization": f"Bearer {AGENT}"}


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[httpx.Client, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("FZ1"))
    served = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(served) as url, loopback_client(base_url=url) as client:
        yield client, case.id


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step=st.sampled_from(ENDPOINTS), body=bodies)
def test_any_object_to_any_step_is_a_case_or_a_named_4xx(
    app: tuple[httpx.Client, str], step: str, body: dict[str, Any]
) -> None:
    client, case_id = app
    response = client.post(f"/cases/{case_id}/{step}", json=body, headers=AUTH)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json().get("field") or response.json().get("error"), response.text


LIMIT = 300
complaints = st.fixed_dictionaries(
    {"external_id": st.text(max_size=8), "customer": st.just({"id": "c"}), "text": st.text()},
    optional={"subject": values, "history": values, "order_id": values, "channel": values},
)
posted = complaints.map(lambda c: json.dumps(c).encode()) | st.binary(max_size=2 * LIMIT)


@pytest.fixture(scope="module")
def intake() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk()
    app = create_app(desk, max_body=LIMIT, refusals_kept=10_000)  # every refusal kept
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=posted,
    chunked=st.booleans(),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded"]
    ),
)
def test_any_body_posted_is_a_case_or_a_named_refusal_kept_where_its_request_id_says(
    intake: tuple[httpx.Client, Desk], body: bytes, chunked: bool, content_type: str
) -> None:
    client, desk = intake
    content = iter([body[: LIMIT // 2], body[LIMIT // 2 :]]) if chunked else body
    response = client.post("/complaints", content=content, headers={"Content-Type": content_type})
    answer = response.json()
    if response.status_code in (200, 201):
        assert desk.get(answer["case_id"]).status.value == answer["status"]
        return
    assert 400 <= response.status_code < 500, response.text[:300]
    assert answer["field"], response.text[:300]
    source = f"http:http:{answer['request_id']}"
    (letter,) = [d for d in desk.storage.dead_letters() if d.source == source]
    assert letter.raw == body[:LIMIT]


form_fields = st.sampled_from(["name", "contact", "order_id", "text", "lang"]) | st.text(max_size=6)
forms = st.lists(st.tuples(form_fields, st.text(max_size=40)), max_size=12).map(
    lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()
)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=forms | st.binary(max_size=200), lang=st.text(max_size=8))
def test_any_form_a_customer_posts_is_a_page_or_a_status_link(
    app: tuple[httpx.Client, str], body: bytes, lang: str
) -> None:
    client, _ = app
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "zh-CN"}
    response = client.post("/", content=body, params={"lang": lang}, headers=headers)
    if response.status_code != 303:  # taken in: to the status page; else the form again
        assert response.status_code == 422, response.text[:300]
        assert response.headers["content-type"].startswith("text/html"), response.text[:300]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    token=st.text(min_size=1, max_size=40).filter(lambda t: "/" not in t and t not in (".", ".."))
)
def test_any_status_token_is_a_page_or_a_404(app: tuple[httpx.Client, str], token: str) -> None:
    client, _ = app
    for accept in ("text/html", "application/json"):
        response = client.get(f"/status/{quote(token, safe='')}", headers={"Accept": accept})
        assert response.status_code in (200, 404), response.text[:300]


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    after=st.none() | st.text(max_size=30) | st.sampled_from(["0", "1", "-1", "9" * 5000]),
    limit=st.none()
    | st.text(max_size=6)
    | st.sampled_from(["²", "٣", "0", "1", "1000", "9" * 5000]),
)
def test_any_events_feed_query_is_a_page_or_a_named_4xx(
    app: tuple[httpx.Client, str], after: str | None, limit: str | None
) -> None:
    client, _ = app
    params = {k: v for k, v in (("after", after), ("limit", limit)) if v is not None}
    response = client.get("/events", params=params, headers=AUTH)
    assert response.status_code in (200, 422), response.text[:300]
    if response.status_code == 422:
        assert response.json().get("field") in ("after", "limit"), response.text[:300]


ROUTES = ["/", "/complaints", "/events", "/openapi.json", "/status/{token}",
          *(f"/cases/{{case_id}}/{step}" for step in ENDPOINTS)]  # fmt: skip
segments = st.sampled_from(["", ".", "..", "..%2Fx", "%2F", "NOPE", "CK-1", "%00"]) | st.text(
    max_size=12
).map(lambda s: quote(s, safe=""))
methods = st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
raw_bodies = st.none() | bodies.map(lambda b: json.dumps(b).encode()) | st.binary(max_size=100)


@st.composite
def paths(draw: st.DrawFn, case_id: str) -> str:
    """A route with its parameters filled in (the real case among others), or none at all."""
    if draw(st.booleans()):
        route = draw(st.sampled_from(ROUTES))
        return route.format(case_id=draw(st.just(case_id) | segments), token=draw(segments))
    return "/" + "/".join(draw(st.lists(segments.filter(bool), max_size=4)))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), method=methods, body=raw_bodies, authorised=st.booleans())
def test_any_method_on_any_path_with_any_body_is_json_with_its_request_id(
    app: tuple[httpx.Client, str], data: st.DataObject, method: str, body: bytes | None,
    authorised: bool,
) -> None:  # fmt: skip
    client, case_id = app
    path = data.draw(paths(case_id), label="path")
    headers = {"Accept": "application/json", **(AUTH if authorised else {})}
    response = client.request(method, path, content=body, headers=headers)
    assert response.status_code < 500, response.text[:300]
    request_id = response.headers["X-Request-Id"]
    form = response.request.url.path == "/"  # as sent: "/." is the form too
    page = form and response.headers["content-type"].startswith("text/html")
    if response.status_code >= 400 and method != "HEAD" and not page:  # the form is a page
        assert response.json()["request_id"] == request_id, response.text[:300]
