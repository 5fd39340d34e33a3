"""A body under a ``Content-Type`` the endpoint does not read (XML to a JSON endpoint, a
type giving its charset twice) is a 415 naming ``Content-Type`` and the types it reads;
a complaint refused so is kept as a dead letter."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
REFUSED = [
    "application/xml",
    "text/xml",
    "application/soap+xml; charset=utf-8",
    "text/html",
    "application/octet-stream",
    "multipart/form-data; boundary=x",
    "application/json, text/xml",
    "application/json; charset=utf-8; charset=gbk",
    "application/json; charset=utf-8; CHARSET*=utf-8''gbk",
]
TAKEN = [
    "application/json",
    "APPLICATION/JSON",
    "application/json; foo=bar; charset=utf-8",
    'application/json ; charset="utf-8"',
    "application/vnd.shop.complaint+json",
    "text/plain",
    "application/x-www-form-urlencoded",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Desk]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('media') / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        desk = Desk(storage=storage)
        with (
            running_server(create_app(desk, agent_tokens={AGENT: "li.na"})) as url,
            loopback_client(base_url=url) as client,
        ):
            yield client, desk


def complaint(key: str) -> bytes:
    text = {"external_id": key, "customer": {"id": "c"}, "text": "漏水"}
    return json.dumps(text, ensure_ascii=False).encode()


@pytest.mark.parametrize("kind", REFUSED)
def test_a_complaint_under_a_type_not_read_is_415_and_kept(
    served: tuple[httpx.Client, Desk], kind: str
) -> None:
    client, desk = served
    body = complaint(f"REFUSED-{kind}")
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 415, response.text
    answer = response.json()
    assert answer["field"] == "Content-Type"
    assert "application/json" in answer["error"]
    (letter,) = [
        d for d in desk.storage.dead_letters() if d.source == f"http:http:{answer['request_id']}"
    ]
    assert letter.raw == body
    assert desk.storage.find_by_key("http", f"REFUSED-{kind}") is None


@pytest.mark.parametrize("kind", TAKEN)
def test_json_under_a_type_read_as_json_is_taken_in(
    served: tuple[httpx.Client, Desk], kind: str
) -> None:
    client, desk = served
    body = complaint(f"TAKEN-{kind}")
    response = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert response.status_code == 201, response.text
    assert desk.storage.find_by_key("http", f"TAKEN-{kind}") is not None


def test_an_agents_step_in_xml_is_415_and_changes_nothing(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id = client.post("/complaints", content=complaint("AGENT-XML")).json()["case_id"]
    headers = {"Authorization": f"Bearer {AGENT}", "Content-Type": "application/xml"}
    body = b"<respond><message>on our way</message></respond>"
    response = client.post(f"/cases/{case_id}/respond", content=body, headers=headers)
    assert response.status_code == 415, response.text
    assert response.json()["field"] == "Content-Type"
    assert [e.kind for e in desk.storage.events(case_id)].count("responded") == 0


def test_an_offer_answer_in_xml_is_415(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    created = client.post("/complaints", content=complaint("OFFER-XML")).json()
    path = f"{created['status_url']}/offers/o-1"
    xml = {"Content-Type": "text/xml"}
    response = client.post(path, content=b"<answer>accept</answer>", headers=xml)
    assert response.status_code == 415, response.text
    assert response.json()["field"] == "Content-Type"


@pytest.mark.parametrize("kind", ["application/json", "text/xml"])
def test_the_form_refuses_a_body_that_is_no_form(
    served: tuple[httpx.Client, Desk], kind: str
) -> None:
    client, desk = served
    body = b'{"text": "\xe6\xbc\x8f\xe6\xb0\xb4 FORM-JSON"}'
    response = client.post("/", content=body, headers={"Content-Type": kind})
    assert response.status_code == 415, response.text
    assert "application/x-www-form-urlencoded" in response.json()["error"]
    assert not [c for c in desk.find() if "FORM-JSON" in c.complaint.text]
