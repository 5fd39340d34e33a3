"""The headers saying how to read a body, ``Content-Type`` and ``Content-Encoding``: given
twice, which copy was read would decide how the body is read (UTF-8 or GBK, plain or
compressed) while a proxy or log may have gone by the other; so two are refused naming the
header, whichever comes first, on the intake and on the agents' steps, and nothing is
recorded (a refused complaint is kept as a dead letter)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
#: Two copies of a header, one of them as a sender may mean it.
PAIRS = {
    "Content-Type": ("application/json", "application/json; charset=gbk"),
    "Content-Encoding": ("identity", "gzip"),
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("ONCE-1"))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk, case.id


@pytest.mark.parametrize("header", sorted(PAIRS))
@pytest.mark.parametrize("flipped", [False, True])
def test_a_complaint_with_a_body_header_twice_is_refused_naming_it(
    served: tuple[httpx.Client, Desk, str], header: str, flipped: bool
) -> None:
    client, desk, _ = served
    key = f"TWICE-{header}-{flipped}"
    body = json.dumps(
        {"external_id": key, "customer": {"id": "c"}, "text": "\u6f0f\u6c34"}, ensure_ascii=False
    ).encode()
    copies = PAIRS[header][::-1] if flipped else PAIRS[header]
    headers = [(header, value) for value in copies]
    kept = len(desk.storage.dead_letters())
    response = client.post("/complaints", content=body, headers=headers)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["field"] == header
    assert desk.storage.find_by_key("http", key) is None
    assert len(desk.storage.dead_letters()) == kept + 1


@pytest.mark.parametrize("header", sorted(PAIRS))
def test_an_agent_step_with_a_body_header_twice_is_refused_naming_it(
    served: tuple[httpx.Client, Desk, str], header: str
) -> None:
    client, desk, case_id = served
    version = desk.get(case_id).version
    headers = [(header, value) for value in PAIRS[header]]
    headers.append(("Authorization", f"Bearer {AGENT}"))
    body = json.dumps({"text": "\u6279\u6b21"}, ensure_ascii=False).encode()
    response = client.post(f"/cases/{case_id}/note", content=body, headers=headers)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["field"] == header
    assert desk.get(case_id).version == version


@pytest.mark.parametrize("path", ["/", "/status/{token}/offers/comp-1"])
def test_a_form_with_two_content_types_is_a_415_naming_it(
    served: tuple[httpx.Client, Desk, str], path: str
) -> None:
    client, desk, case_id = served
    token = desk.get(case_id).status_token
    headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Content-Type", "multipart/form-data; boundary=x"),
    ]
    version = desk.get(case_id).version
    response = client.post(path.format(token=token), content=b"text=x", headers=headers)
    assert response.status_code == 415
    assert response.json()["field"] == "Content-Type"
    assert desk.get(case_id).version == version
