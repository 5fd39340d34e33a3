"""The HTTP API under uvicorn on a free localhost port, driven by httpx."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, StorageError
from complaintkit.model.case import Case
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

SECRET = "intake-secret-of-the-shop"
AGENT = "agent-token-0123456789"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, secret=SECRET, agent_tokens={AGENT: "li.na"}, max_body=4096)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def signed(body: bytes, *, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    stamp = int(time.time() if at is None else at)
    return {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(secret, body, stamp)}


def post(client: httpx.Client, data: Any, *, secret: str = SECRET) -> httpx.Response:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post("/complaints", content=body, headers=signed(body, secret=secret))


def complaint(external_id: str) -> dict[str, Any]:
    return {"external_id": external_id, "customer": {"id": "c9"}, "text": "洗衣机漏水"}


def test_bad_signature_is_401(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    response = post(client, complaint("H-401"), secret="wrong")
    assert response.status_code == 401
    assert response.json()["field"] == HEADER


def test_body_over_the_limit_is_413(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    response = post(client, {**complaint("H-413"), "text": "x" * 5000})
    assert response.status_code == 413


def test_invalid_json_is_422_naming_the_field(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    bad_field = post(client, {**complaint("H-422"), "customer": {"id": "c", "tier": 7}})
    assert bad_field.status_code == 422
    assert bad_field.json()["field"] == "customer.tier"
    not_json = post(client, b"{nope")
    assert (not_json.status_code, not_json.json()["field"]) == (422, "body")
    sources = [d.source for d in desk.storage.dead_letters()]
    assert sources[-2:] == [  # kept once their signatures were verified
        f'http:http:{bad_field.json()["request_id"]} {{"signed":true}}',
        f'http:http:{not_json.json()["request_id"]} {{"signed":true}}',
    ]


def test_duplicate_returns_the_same_case(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    first = post(client, complaint("H-dup"))
    again = post(client, complaint("H-dup"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["case_id"] == again.json()["case_id"]


def test_status_page_shows_updates_but_no_internal_note(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    created = post(client, complaint("H-status")).json()
    desk.note(created["case_id"], "客户很难缠 internal only", actor="li.na")
    auth = {"Authorization": f"Bearer {AGENT}"}
    responded = client.post(
        f"/cases/{created['case_id']}/respond", json={"message": "已安排上门检修"}, headers=auth
    )
    assert responded.status_code == 200
    page = client.get(created["status_url"])
    assert page.status_code == 200
    assert [u["message"] for u in page.json()["updates"]] == ["已安排上门检修"]
    assert "internal only" not in page.text
    assert "li.na" not in page.text
    assert client.get("/status/not-a-token").status_code == 404


def test_agent_endpoints_need_a_bearer_token_and_name_bad_fields(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id = post(client, complaint("H-agent")).json()["case_id"]
    path = f"/cases/{case_id}/transition"
    assert client.post(path, json={"to": "investigating"}).status_code == 401
    auth = {"Authorization": f"Bearer {AGENT}"}
    missing = client.post(path, json={}, headers=auth)
    assert (missing.status_code, missing.json()["field"]) == (422, "to")
    illegal = client.post(path, json={"to": "closed"}, headers=auth)
    assert illegal.status_code == 409
    assert client.post(path, json={"to": "investigating"}, headers=auth).status_code == 200
    resolved = client.post(f"/cases/{case_id}/resolve", json={"resolution": "换新"}, headers=auth)
    assert resolved.json()["status"] == "resolved"
    assert desk.history(case_id)[-1].actor == "li.na"


def test_openapi_document_lists_the_endpoints(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/complaints", "/status/{token}", "/cases/{case_id}/resolve"} <= set(paths)


def test_no_error_body_names_the_storage_url_or_path(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/cases.db"
    desk = Desk(storage=url)
    app = create_app(desk, secret=SECRET, agent_tokens={AGENT: "li.na"})
    try:
        with running_server(app) as base, loopback_client(base_url=base) as client:
            auth = {"Authorization": f"Bearer {AGENT}"}
            responses = [
                client.post(f"/cases/CASE-NONE/{action}", json=body, headers=auth)
                for action, body in (
                    ("respond", {"message": "hello"}),
                    ("transition", {"to": "closed"}),
                    ("resolve", {"resolution": "refunded"}),
                )
            ]
            responses.append(client.get("/status/not-a-token"))
    finally:
        desk.storage.close()
    assert [r.status_code for r in responses] == [404] * 4
    assert responses[0].json()["error"] == "no case 'CASE-NONE'"
    for response in responses:
        assert "sqlite" not in response.text
        assert str(tmp_path) not in response.text
        assert "cases.db" not in response.text


class _Unreachable(MemoryStorage):
    """A storage whose server went away: its error names where it was."""

    def find_by_token(self, token: str) -> Case | None:
        raise StorageError("cannot connect to PostgreSQL at postgresql://ck@db.internal/prod")


def test_storage_failure_is_503_without_the_url() -> None:
    app = create_app(Desk(storage=_Unreachable()))
    with running_server(app) as base, loopback_client(base_url=base) as client:
        response = client.get("/status/some-token")
    assert response.status_code == 503
    assert "db.internal" not in response.text
    assert "postgresql" not in response.text


def test_a_browser_is_told_in_its_language_when_the_status_page_cannot_be_read() -> None:
    app = create_app(Desk(storage=_Unreachable()))
    with running_server(app) as base, loopback_client(base_url=base) as client:
        headers = {"Accept": "text/html", "Accept-Language": "zh-CN"}
        page = client.get("/status/some-token", headers=headers)
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in page.text
    assert "稍后" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "db.internal" not in page.text


def test_agents_record_custom_events(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case_id = post(client, complaint("H-event")).json()["case_id"]
    auth = {"Authorization": f"Bearer {AGENT}"}
    path = f"/cases/{case_id}/events"
    assert client.post(path, json={"name": "holding_reply"}, headers=auth).status_code == 200
    assert desk.get(case_id).attributes["events"] == {"holding_reply": 1}
    taken = client.post(path, json={"name": "transitioned"}, headers=auth)
    assert (taken.status_code, taken.json()["field"]) == (422, "name")


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"max_body": 0}, "max_body"),
        ({"max_body": -5}, "max_body"),
        ({"signature_window": 0}, "signature_window"),
        ({"channel": " "}, "channel"),
        ({"channel": "x" * 300}, "channel"),
        ({"channel": "a\x00b"}, "channel"),
    ],
)
def test_settings_under_which_every_request_fails_are_refused(
    settings: dict[str, Any], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        create_app(Desk(), **settings)


@pytest.mark.parametrize(
    "token",
    [
        " agent-token-0123456789",
        "agent-token-0123456789 ",
        "agent-token-0123456789\n",  # a token file read with its line break
        "agent-token-01\r\n23456789",
        "agent-token\x00-0123456789",
        "agent-token-0123456789-\udcff",  # a byte not UTF-8: UnicodeEncodeError quoting it
    ],
)
def test_an_agent_token_no_request_can_carry_is_refused(token: str) -> None:
    """HTTP trims the blanks around a header value and carries no control character, so
    such a token was accepted and then every request of its agent was a 401."""
    with pytest.raises(ConfigError, match="'li.na'"):
        create_app(Desk(), agent_tokens={token: "li.na"})


@pytest.mark.parametrize(
    "args",
    [["--port", "99999"], ["--port", "-1"], ["--max-body", "0"], ["--signature-window", "-3"]],
)
def test_serve_refuses_a_setting_out_of_range_before_starting(args: list[str]) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", "memory:", "serve", *args])
    assert result.exit_code == 2
    assert args[0] in result.output


@pytest.mark.parametrize("path", ["/complaints/", "/complaints//", "/events/", "/status/abc/"])
def test_a_trailing_slash_is_a_404_saying_how_to_write_the_path(
    served: tuple[httpx.Client, Desk], path: str
) -> None:
    """Not a redirect: a sender that counts any answer below 400 as delivered would have
    lost the complaint, which nobody read."""
    client, desk = served
    before = len(desk.find(limit=10_000))
    body = json.dumps(complaint("H-slash")).encode()
    method = "POST" if path.startswith("/complaints") else "GET"
    response = client.request(method, path, content=body, headers=signed(body))
    assert response.status_code == 404, response.text
    assert f"write {path.rstrip('/')} without the trailing slash" in response.json()["error"]
    assert len(desk.find(limit=10_000)) == before


def test_an_unknown_path_with_a_slash_is_told_where_the_endpoints_are(
    served: tuple[httpx.Client, Desk],
) -> None:
    response = served[0].get("/nowhere/")
    assert response.status_code == 404
    assert "GET /openapi.json lists them" in response.json()["error"]
