"""A JSON complaint posted to the form's address under a form's type (``curl -d`` labels
what it sends so) or under none is refused with 415 naming ``Content-Type`` and kept as a
dead letter with the path it was sent to, not read as a form with nothing filled in (the
form page again, its body dropped). A form, labelled or not, is read as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.channels.read_with import split_options
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage

BODY = json.dumps({"external_id": "NO-TYPE", "customer": {"id": "c"}, "text": "漏水"}).encode()


URLENCODED = b"application/x-www-form-urlencoded"
TYPES = [[], [(b"content-type", b"")], [(b"content-type", URLENCODED)]]


@pytest.mark.parametrize("headers", TYPES)
@pytest.mark.parametrize("body", [BODY, b" \r\n\xef\xbb\xbf" + BODY, b"[" + BODY + b"]"])
def test_json_under_a_forms_type_or_none_is_415_and_kept(
    tmp_path: Path, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        status, _, answer = asgi_request(
            create_app(Desk(storage=storage)), "POST", "/", headers, body
        )
        letters = storage.dead_letters()
    assert status == 415, answer[:200]
    refusal = json.loads(answer)
    assert refusal["field"] == "Content-Type"
    assert "/complaints" in refusal["error"]
    (letter,) = letters
    location, options = split_options(letter.source)
    assert location == f"http:http:{refusal['request_id']}"
    assert options["path"] == "/"
    assert letter.raw == body


@pytest.mark.parametrize("form", TYPES)
def test_a_form_labelled_or_not_is_still_read(
    tmp_path: Path, form: list[tuple[bytes, bytes]]
) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        status, _, _ = asgi_request(
            create_app(Desk(storage=storage)), "POST", "/", form, b"text=the+kettle+leaks"
        )
        assert storage.dead_letters() == []
    assert status in (200, 303)
