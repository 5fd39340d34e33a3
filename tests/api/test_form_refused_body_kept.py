"""A body posted to the form's address (``POST /``) that is no form — a JSON complaint
meant for ``POST /complaints`` — is refused with 415 and kept as a dead letter, as
``POST /complaints`` keeps a body it refuses: under the request id the answer names, with
the path it was posted to, and a reason that names where to send it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.channels.read_with import split_options
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with SQLiteStorage(f"sqlite:///{tmp_path}/cases.db") as storage:
        yield Desk(storage=storage)


def complaint(key: str) -> bytes:
    text = {"external_id": key, "customer": {"id": "c-1"}, "text": "漏水 kettle"}
    return json.dumps(text, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    "kind", ["application/json", "application/json; charset=utf-8", "text/xml", None]
)
def test_a_body_that_is_no_form_is_415_and_kept_with_its_path(desk: Desk, kind: str | None) -> None:
    body = complaint("FORM-JSON-1")
    # no kind: a body under two types, which the form refuses too
    two = [("Content-Type", "application/json"), ("Content-Type", "text/plain")]
    headers = two if kind is None else [("Content-Type", kind)]
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        response = client.post("/", content=body, headers=headers)
    assert response.status_code == 415, response.text
    answer = response.json()
    assert answer["field"] == "Content-Type"
    assert response.headers["x-request-id"] == answer["request_id"]
    (letter,) = desk.storage.dead_letters()
    location, options = split_options(letter.source)
    assert location == f"http:http:{answer['request_id']}"
    assert options.get("path") == "/"
    assert letter.raw == body
    assert "/complaints" in letter.reason
    assert desk.find() == []


def test_a_form_is_still_taken_in(desk: Desk) -> None:
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        response = client.post("/", data={"text": "the kettle leaks"})
    assert response.status_code in (200, 303), response.text
    assert desk.storage.dead_letters() == []


def test_past_the_senders_allowance_the_refusal_says_it_was_not_kept(desk: Desk) -> None:
    app = create_app(desk, refusals_kept=1, refusals_kept_period=timedelta(hours=1))
    with running_server(app) as url, loopback_client(base_url=url) as client:
        first = client.post("/", content=complaint("A"), headers={"Content-Type": "text/xml"})
        second = client.post("/", content=complaint("B"), headers={"Content-Type": "text/xml"})
    assert first.status_code == second.status_code == 415
    assert "kept" not in first.json()
    assert second.json()["kept"] is False
    assert [letter.raw for letter in desk.storage.dead_letters()] == [complaint("A")]


def test_signed_the_body_is_kept_only_once_its_signature_is_verified(desk: Desk) -> None:
    app = create_app(desk, secret="s" * 32, form=True)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        response = client.post(
            "/", content=complaint("UNSIGNED"), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 415, response.text
    assert response.json()["kept"] is False
    assert desk.storage.dead_letters() == []
