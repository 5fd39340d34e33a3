"""A complaint posted to a near miss of ``/complaints`` — a trailing slash, another case,
doubled slashes, the singular, a prefix (``/api/complaints``) — or sent with another method
than POST is refused as before (404 naming ``/complaints``, 405 with ``Allow``) and kept as
a dead letter under the request id the answer names, its source recording the path it was
sent to; ``dead-letters retry`` takes it in. A query after the path is no near miss: it is
``/complaints``, and taken in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.channels.read_with import split_options
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli()
NEAR = [
    "/complaints/",
    "/Complaints",
    "//complaints",
    "/complaints//",
    "/COMPLAINTS/",
    "/complaint",
    "/api/complaints",
    "/v1//complaints/",
]
JSON = [(b"content-type", b"application/json")]


def body(key: str) -> bytes:
    return json.dumps({"external_id": key, "customer": {"id": "c-1"}, "text": "漏水"}).encode()


def post(
    db: str, path: str, data: bytes, method: str = "POST", query: bytes = b""
) -> tuple[int, dict[bytes, bytes], dict[str, object]]:
    with SQLiteStorage(db) as storage:
        status, headers, answer = asgi_request(
            create_app(Desk(storage=storage)), method, path, JSON, data, query
        )
    return status, headers, json.loads(answer)


@pytest.mark.parametrize("path", NEAR)
def test_a_near_miss_is_404_naming_complaints_and_kept(tmp_path: Path, path: str) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, _, answer = post(db, path, body("NEAR-1"))
    assert status == 404
    assert answer["field"] == "path"
    assert "/complaints" in str(answer["error"])
    assert "kept" not in answer
    with SQLiteStorage(db) as storage:
        (letter,) = storage.dead_letters()
        assert list(storage.case_ids()) == []
    location, options = split_options(letter.source)
    assert location == f"http:http:{answer['request_id']}"
    assert options["path"] == path
    assert letter.raw == body("NEAR-1")
    args = ["--db", db, "dead-letters", "retry", "--all", "--json"]
    (outcome,) = json.loads(CliRunner().invoke(CLI, args).stdout)
    assert outcome["outcome"] == "taken"


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_another_method_is_405_and_kept(tmp_path: Path, method: str) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, headers, answer = post(db, "/complaints", body("PUT-1"), method)
    assert status == 405
    assert headers[b"allow"] == b"POST"
    assert answer["field"] == "method"
    with SQLiteStorage(db) as storage:
        (letter,) = storage.dead_letters()
    assert split_options(letter.source)[0] == f"http:http:{answer['request_id']}"


@pytest.mark.parametrize("path", ["/complaints/", "/Complaints"])
def test_a_near_miss_without_a_body_keeps_nothing(tmp_path: Path, path: str) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, _, answer = post(db, path, b"")
    assert status == 404
    assert "/complaints" in str(answer["error"])
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []


@pytest.mark.parametrize("path", ["/nothing/here", "/cases/CK-1/respond/"])
def test_a_body_to_a_path_that_is_no_complaints_is_not_kept(tmp_path: Path, path: str) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, _, _ = post(db, path, body("ELSEWHERE"))
    assert status == 404
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []


def test_a_query_is_no_near_miss(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, _, answer = post(db, "/complaints", body("QUERY-1"), query=b"x")
    assert status == 201, answer
