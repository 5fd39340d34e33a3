"""``post /complaints`` (a client given the method in lower case) was answered "this
endpoint takes only POST", naming nothing of what was wrong with what it sent: methods are
case-sensitive, so ``post`` is not ``POST``. The 405 now says so, and the complaint is kept
as a dead letter as for any other method; a method the endpoint does not take in any case
(``get``) is answered as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

JSON = [(b"content-type", b"application/json")]
BODY = json.dumps({"external_id": "LC-1", "customer": {"id": "c-1"}, "text": "漏水"}).encode()


def send(db: str, method: str, path: str = "/complaints") -> tuple[int, dict[str, object]]:
    with SQLiteStorage(db) as storage:
        status, _, answer = asgi_request(
            create_app(Desk(storage=storage)), method, path, JSON, BODY
        )
    return status, json.loads(answer)


@pytest.mark.parametrize("method", ["post", "Post", "pOST"])
def test_a_method_in_lower_case_is_told_to_write_it_in_capitals(
    tmp_path: Path, method: str
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    status, answer = send(db, method)
    assert status == 405
    assert answer["field"] == "method"
    assert f"POST, not {method!r}" in str(answer["error"])
    with SQLiteStorage(db) as storage:
        (letter,) = storage.dead_letters()
        assert storage.count(CaseQuery()) == 0
    assert json.loads(letter.raw)["text"] == "漏水"


@pytest.mark.parametrize("method", ["GET", "get", "PUT", "delete"])
def test_another_method_is_not_told_of_capitals(tmp_path: Path, method: str) -> None:
    status, answer = send(f"sqlite:///{tmp_path / 'cases.db'}", method)
    assert status == 405
    assert "capitals" not in str(answer["error"])
