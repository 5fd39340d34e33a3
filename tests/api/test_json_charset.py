"""A JSON body declaring another charset than UTF-8 (``Content-Type: application/json;
charset=gbk``) is refused naming ``Content-Type`` (an intake body is kept as a dead letter),
never read as UTF-8 behind its back: GBK bytes are often valid UTF-8 too (漏水 is ``C2 A9 CB
AE``, read as ``©ˮ``), so a case would open, or an agent's answer reach the customer, in
words no one wrote. A body all in ASCII reads the same in either and is taken."""

from __future__ import annotations

import json
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


def test_a_json_complaint_declaring_another_charset_is_refused_and_kept(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    complaint = {"external_id": "GBK-1", "customer": {"id": "c"}, "text": "漏水"}
    body = json.dumps(complaint, ensure_ascii=False).encode("gbk")  # valid UTF-8 by chance
    body.decode("utf-8")
    kind = "application/json; charset=gbk"
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["field"] == "Content-Type"
    assert "gbk" in answer["error"]
    assert desk.storage.find_by_key("http", "GBK-1") is None
    letter = desk.storage.dead_letters()[-1]
    assert letter.source == f'http:http:{answer["request_id"]} {{"charset":"gbk"}}'
    assert letter.raw == body


@pytest.mark.parametrize(
    "kind",
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=UTF8",
        'application/json; charset="utf-8"',
        'application/json; charset=""',
        "application/json; charset=",
        "text/plain",
    ],
)
def test_a_json_complaint_in_utf8_is_taken_in(served: tuple[httpx.Client, Desk], kind: str) -> None:
    client, desk = served
    key = f"U-{kind}"
    complaint = {"external_id": key, "customer": {"id": "c"}, "text": "漏水"}
    body = json.dumps(complaint, ensure_ascii=False).encode()
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 201, response.text
    case = desk.storage.find_by_key("http", key)
    assert case is not None
    assert case.complaint.text == "漏水"


def test_ascii_json_declaring_another_charset_reads_the_same_and_is_taken_in(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, _ = served
    body = json.dumps({"external_id": "A-1", "customer": {"id": "c"}, "text": "漏水"}).encode()
    kind = "application/json; charset=gbk"
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 201, response.text


def test_an_agents_reply_declaring_another_charset_is_refused(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    complaint = {"external_id": "GBK-2", "customer": {"id": "c"}, "text": "漏水"}
    case_id = client.post("/complaints", json=complaint).json()["case_id"]
    body = json.dumps({"message": "您好师傅明天上门"}, ensure_ascii=False).encode("gbk")
    headers = {
        "Authorization": f"Bearer {AGENT}",
        "Content-Type": "application/json; charset=gbk",
    }
    for step in ("respond", "note"):
        response = client.post(f"/cases/{case_id}/{step}", content=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "Content-Type"
    assert [e.kind for e in desk.storage.events(case_id)].count("responded") == 0


@pytest.mark.parametrize("charset", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_ascii_text_in_a_wide_charset_is_refused_naming_it_and_kept_with_it(
    served: tuple[httpx.Client, Desk], charset: str
) -> None:
    """UTF-16 of ASCII text is all bytes below 128, yet reads as nothing in UTF-8: refused
    as "not JSON", it named no cause, and its dead letter lost the charset a retry needs."""
    client, desk = served
    key = f"WIDE-{charset}"
    complaint = {"external_id": key, "customer": {"id": "c"}, "text": "leak"}
    body = json.dumps(complaint).encode(charset)
    assert body.isascii()
    kind = f"application/json; charset={charset}"
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["field"] == "Content-Type"
    letter = desk.storage.dead_letters()[-1]
    assert letter.source == f'http:http:{answer["request_id"]} {{"charset":"{charset}"}}'
    assert letter.raw == body
    assert desk.storage.find_by_key("http", key) is None
