"""Hostile requests against the API under uvicorn: a 4xx naming the problem, never a 500,
and every refused complaint body kept as a dead letter."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.poison import POISON_LINES
from complaintkit.testing.server import running_server
from loopback import loopback_client

SECRET = "intake-secret-of-the-shop"
AGENT = "agent-token-0123456789"


def signed(body: bytes, *, at: float | None = None) -> dict[str, str]:
    stamp = int(time.time() if at is None else at)
    return {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(SECRET, body, stamp)}


NOT_OBJECTS = {"array": b"[]", "string": b'"x"', "number": b"1", "null": b"null", "empty": b""}
SHAPES: dict[str, bytes] = {
    **POISON_LINES,
    **NOT_OBJECTS,
    "50,000 [": b"[" * 50_000,
    "channel chosen by the caller": json.dumps(
        {"channel": "wechat", "external_id": "W", "customer": {"id": "c"}, "text": "t"}
    ).encode(),
    "history claimed by the caller": json.dumps(
        {"external_id": "H", "customer": {"id": "c"}, "text": "t", "history": {"status": "closed"}}
    ).encode(),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Desk, str]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('api') / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        desk = Desk(storage=storage)
        app = create_app(desk, secret=SECRET, agent_tokens={AGENT: "li.na"}, max_body=200_000)
        with running_server(app) as url, loopback_client(base_url=url) as client:
            yield client, desk, db


def post(client: httpx.Client, body: bytes, headers: dict[str, Any] | None = None) -> Any:
    return client.post("/complaints", content=body, headers=headers or signed(body))


def test_there_are_at_least_17_request_shapes() -> None:
    assert len(SHAPES) >= 17


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_bad_shape_is_a_named_4xx_and_a_dead_letter(
    name: str, served: tuple[httpx.Client, Desk, str]
) -> None:
    client, desk, _ = served
    response = post(client, SHAPES[name])
    assert 400 <= response.status_code < 500, response.text
    answer = response.json()
    assert answer["error"]
    assert answer["field"]
    letter = desk.storage.dead_letters()[-1]
    # kept after its signature was verified: the letter says it was signed
    assert letter.source == f'http:http:{answer["request_id"]} {{"signed":true}}'
    assert letter.raw == SHAPES[name]


def test_a_caller_cannot_post_a_complaint_already_handled(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    """``history`` imports what another helpdesk did; over HTTP it would let a caller file a
    complaint already closed, answered in time and marked resolved, which no one then sees."""
    client, desk, _ = served
    handled = {
        "status": "closed",
        "response": "已处理",
        "outcome": "客户满意",
        "first_response_at": "2026-11-02T09:10:00+08:00",
        "closed_at": "2026-11-02T10:00:00+08:00",
        "sla": {"first_response": "yes"},
    }
    complaint = {
        "external_id": "HANDLED-1",
        "received_at": "2026-11-02T09:00:00+08:00",
        "customer": {"id": "c"},
        "text": "吃了你们的熟食后食物中毒,住院了",
        "history": handled,
    }
    response = post(client, json.dumps(complaint, ensure_ascii=False).encode())
    assert response.status_code == 422
    assert response.json()["field"] == "history"
    assert desk.storage.find_by_key("http", "HANDLED-1") is None
    letter = desk.storage.dead_letters()[-1]
    assert letter.source.endswith(f'{response.json()["request_id"]} {{"signed":true}}')


def test_a_non_ascii_signature_is_401_not_500(served: tuple[httpx.Client, Desk, str]) -> None:
    client, _, _ = served
    body = b"{}"
    stamp = signed(body)[TIMESTAMP_HEADER]
    headers = [(TIMESTAMP_HEADER.encode(), stamp.encode()), (HEADER.encode(), "sha256=é".encode())]
    response = client.post("/complaints", content=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["field"] == "X-Complaintkit-Signature"


@pytest.mark.parametrize(
    ("stamp", "problem"), [(None, "is missing"), ("soon", "Unix seconds"), ("0", "window")]
)
def test_a_signed_request_needs_a_timestamp_within_the_window(
    served: tuple[httpx.Client, Desk, str], stamp: str | None, problem: str
) -> None:
    client, _, _ = served
    body = json.dumps({"external_id": "T", "customer": {"id": "c"}, "text": "t"}).encode()
    headers = signed(body, at=0 if stamp == "0" else None)
    if stamp is None:
        del headers["X-Complaintkit-Timestamp"]
    elif stamp != "0":
        headers["X-Complaintkit-Timestamp"] = stamp
    response = post(client, body, headers)
    assert response.status_code == 401
    assert response.json()["field"] == "X-Complaintkit-Timestamp"
    assert problem in response.json()["error"]


def test_a_replayed_body_with_a_new_timestamp_but_old_signature_is_401(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, _, _ = served
    body = b'{"external_id": "R", "customer": {"id": "c"}, "text": "t"}'
    old = signed(body, at=time.time() - 3600)
    replay = {**old, "X-Complaintkit-Timestamp": str(int(time.time()))}
    assert post(client, body, replay).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [(b'{"message": "\\ud800"}', "message"), (b"[" * 50_000, "body"), (b"\xff", "body")],
)
def test_agent_endpoints_answer_hostile_bodies_with_422(
    served: tuple[httpx.Client, Desk, str], body: bytes, field: str
) -> None:
    client, _, _ = served
    good = b'{"external_id": "AG-1", "customer": {"id": "c"}, "text": "t"}'
    case_id = post(client, good).json()["case_id"]
    auth = {"Authorization": f"Bearer {AGENT}"}
    response = client.post(f"/cases/{case_id}/respond", content=body, headers=auth)
    assert response.status_code == 422
    assert response.json()["field"] == field


@pytest.mark.parametrize(
    "body",
    [
        b'{"\\ud800": 1}',
        b'{"external_id": "S-1", "customer": {"id": "c"}, "text": "t", "attributes": {"\\udfff": 1}}',
    ],
)
def test_a_key_holding_a_lone_surrogate_is_named_in_a_422_that_can_be_written(
    served: tuple[httpx.Client, Desk, str], body: bytes
) -> None:
    """The field an error names is the key as sent: one holding a lone surrogate, which no
    UTF-8 answer can carry, is written escaped (it was a 500 with no JSON at all)."""
    client, desk, _ = served
    response = post(client, body)
    assert response.status_code == 422
    answer = response.json()
    assert "\\ud800" in answer["field"] or "\\udfff" in answer["field"]
    letter = desk.storage.dead_letters()[-1]
    assert letter.source.endswith(f'{answer["request_id"]} {{"signed":true}}')


@pytest.mark.parametrize("token", [AGENT[:-1], AGENT + "x", "x", "é" * 22])
def test_a_wrong_bearer_token_is_401(served: tuple[httpx.Client, Desk, str], token: str) -> None:
    client, _, _ = served
    auth = [(b"Authorization", b"Bearer " + token.encode())]
    response = client.post("/cases/CK-x/respond", json={"message": "hi"}, headers=auth)
    assert response.status_code == 401
    assert response.json()["field"] == "Authorization"


def test_squatting_a_key_loses_no_complaint_and_reveals_no_case(
    served: tuple[httpx.Client, Desk, str], tmp_path: Path
) -> None:
    client, desk, db = served
    genuine = {
        "channel": "wechat",
        "external_id": "WX-90001",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "wx-user-7"},
        "text": "洗衣机漏水",
    }
    # 1. an anonymous caller tries to claim the WeChat key over HTTP: the server sets the
    #    channel, so the claim is refused (and kept); without the channel it lands on "http"
    squat = {**genuine, "customer": {"id": "anonymous"}, "text": "squatting"}
    refused = post(client, json.dumps(squat).encode())
    assert (refused.status_code, refused.json()["field"]) == (422, "channel")
    del squat["channel"]
    squatted = post(client, json.dumps(squat).encode())
    assert squatted.status_code == 201

    # 2. the genuine WeChat complaint arrives through `complaintkit intake`: a new case
    source = tmp_path / "wechat.jsonl"
    source.write_text(json.dumps(genuine, ensure_ascii=False) + "\n", encoding="utf-8")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--json", str(source)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["opened"] == 1
    wechat_case = desk.storage.find_by_key("wechat", "WX-90001")
    assert wechat_case is not None
    assert wechat_case.customer_id == "wx-user-7"

    # 3. the genuine customer posting the same key over HTTP meets the squatter's case:
    #    a 409 that names neither that case nor its status page, and a dead letter
    genuine_http = {k: v for k, v in genuine.items() if k != "channel"}
    conflict = post(client, json.dumps(genuine_http, ensure_ascii=False).encode())
    assert conflict.status_code == 409
    squatter_case = desk.storage.find_by_key("http", "WX-90001")
    assert squatter_case is not None
    assert squatter_case.id not in conflict.text
    assert squatter_case.status_token not in conflict.text
    assert "status_url" not in conflict.json()
    assert "already held by another customer" in desk.storage.dead_letters()[-1].reason

    # 4. anyone re-posting the squatter's key with other content gets no status URL either
    probe = {**squat, "text": "what is the status?"}
    probed = post(client, json.dumps(probe).encode())
    assert probed.status_code == 409
    assert squatter_case.status_token not in probed.text


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_limit_is_kept_up_to_the_limit(tmp_path: Path, chunked: bool) -> None:
    """Nothing is dropped: what the server read of an oversized complaint (the customer and
    the start of the text, as a client writes them) is a dead letter saying why."""
    body = json.dumps({"external_id": "BIG", "customer": {"id": "c"}, "text": "漏" * 2000})
    sent = body.encode()
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk, max_body=1000)) as url:
            content = iter([sent[:500], sent[500:]]) if chunked else sent
            response = httpx.post(f"{url}/complaints", content=content)
        assert response.status_code == 413
        assert response.json()["field"] == "body"
        (letter,) = desk.storage.dead_letters()
        assert desk.find() == []
    assert letter.source == f"http:http:{response.json()['request_id']}"
    assert letter.raw == sent[:1000]
    assert "limit of 1000 bytes" in letter.reason


def test_a_body_over_the_limit_that_cannot_be_authenticated_is_not_kept(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, desk, _ = served
    kept = len(desk.storage.dead_letters())
    body = json.dumps({"external_id": "BIG", "customer": {"id": "c"}, "text": "x" * 300_000})
    response = post(client, body.encode())
    assert response.status_code == 413
    assert len(desk.storage.dead_letters()) == kept


@pytest.mark.parametrize("path", ["/complaints", "/", "/cases/CK-1/note"])
def test_a_client_gone_before_its_body_ended_is_no_bug_in_the_log(
    path: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A phone losing signal halfway through a post: the body is refused by name, quietly —
    not logged as an unforeseen failure with a traceback."""
    app = create_app(Desk(), agent_tokens={AGENT: "li.na"})
    arriving: list[dict[str, Any]] = [
        {"type": "http.request", "body": b'{"external_id": "D', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return arriving.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-length", b"100"), (b"authorization", f"Bearer {AGENT}".encode())]
    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}
    with caplog.at_level(logging.INFO):
        asyncio.run(app({**scope, "query_string": b"", "root_path": ""}, receive, send))
    assert sent[0]["status"] == 422
    assert json.loads(sent[1]["body"])["field"] == "body"
    assert [r for r in caplog.records if r.exc_info] == []


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nope", 404),
        ("GET", "/status/..%2F..%2Fx", 404),
        ("POST", "/cases/..%2Fx/note", 404),
        ("PUT", "/complaints", 405),
        ("OPTIONS", "/complaints", 405),
        ("DELETE", "/cases/CK-1/note", 405),
    ],
)
def test_an_unknown_route_or_method_is_a_json_error_with_its_request_id(
    served: tuple[httpx.Client, Desk, str], method: str, path: str, status: int
) -> None:
    client, _, _ = served
    response = client.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert body["error"]
    assert body["request_id"] == response.headers["X-Request-Id"]
    if status == 405:
        assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize("order", ["valid first", "valid last"])
def test_two_authorization_headers_are_401_whichever_comes_first(
    served: tuple[httpx.Client, Desk, str], order: str
) -> None:
    """Authorization is a single header: with two, the app used the first and a proxy or
    log may read the last, so the actor recorded was whichever came first."""
    client, _, _ = served
    good = b'{"external_id": "AUTH-2", "customer": {"id": "c"}, "text": "t"}'
    case_id = post(client, good).json()["case_id"]
    pair = [(b"Authorization", f"Bearer {AGENT}".encode()), (b"Authorization", b"Bearer other")]
    headers = pair if order == "valid first" else pair[::-1]
    response = client.post(f"/cases/{case_id}/note", json={"text": "hi"}, headers=headers)
    assert response.status_code == 401
    assert response.json()["field"] == "Authorization"
