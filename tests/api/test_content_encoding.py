"""A body sent compressed (``Content-Encoding: gzip``) is refused naming the header, not
as "not valid UTF-8 (byte 1)", which sends its sender looking for a wrong character; a
complaint is kept as a dead letter all the same. ``identity`` is no encoding."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def _complaint(key: str) -> bytes:
    return json.dumps({"external_id": key, "customer": {"id": "c"}, "text": "漏水"}).encode()


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", lambda b: b"\x8b" + b)],
)
def test_a_compressed_complaint_is_refused_naming_content_encoding_and_kept(
    served: tuple[httpx.Client, Desk], coding: str, pack: object
) -> None:
    client, desk = served
    assert callable(pack)
    body = pack(_complaint(f"Z-{coding}"))
    response = client.post("/complaints", content=body, headers={"Content-Encoding": coding})
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["field"] == "Content-Encoding"
    assert coding in answer["error"]
    assert desk.storage.find_by_key("http", f"Z-{coding}") is None
    letter = desk.storage.dead_letters()[-1]
    assert letter.source == f"http:http:{answer['request_id']}"
    assert letter.raw == body
    assert "Content-Encoding" in letter.reason


def test_identity_is_no_encoding(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    for key, coding in (("I-1", "identity"), ("I-2", "Identity"), ("I-3", "")):
        response = client.post(
            "/complaints", content=_complaint(key), headers={"Content-Encoding": coding}
        )
        assert response.status_code == 201, response.text


def test_an_agents_compressed_step_is_refused_naming_content_encoding(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id = client.post("/complaints", content=_complaint("Z-agent")).json()["case_id"]
    body = gzip.compress(json.dumps({"text": "上门检查"}).encode())
    headers = {"Authorization": f"Bearer {AGENT}", "Content-Encoding": "gzip"}
    response = client.post(f"/cases/{case_id}/note", content=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "Content-Encoding"
    assert "noted" not in [e.kind for e in desk.storage.events(case_id)]
