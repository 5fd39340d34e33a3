"""A form kept whole as its dead letter (``http:web:<request id>``: more fields than the
server reads) was read by ``dead-letters retry`` as a JSON body, so it could never be taken
in: "body: is not JSON". The letter keeps the form's ``Content-Type`` (its charset, its
multipart boundary) and the page's language, and a retry reads it as the form it was sent
as, every field of it: one case, taken in once; a retry refused (a charset the form named
wrongly) keeps the letter until one reads it right."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from click.testing import CliRunner
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import MAX_FIELDS, TOO_MANY_FIELDS
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
WORDS = "漏水了三天没人管"
URLENCODED = "application/x-www-form-urlencoded"
SUBMISSION = "0123456789abcdef0123"
#: The fields a form past the limit sends: a site's template adding hidden ones.
FIELDS = {f"extra{i}": "x" for i in range(MAX_FIELDS)} | {
    "text": WORDS,
    "contact": "a@example.cn",
    "submission": SUBMISSION,
}


def _gbk_urlencoded() -> tuple[bytes, str]:
    return urlencode(FIELDS, encoding="gbk").encode(), f"{URLENCODED}; charset=gbk"


def _multipart() -> tuple[bytes, str]:
    request = httpx.Request("POST", "http://127.0.0.1/", data=FIELDS, files={"f": b"x"})
    return request.read(), request.headers["content-type"]


def _sent(db: str, body: bytes, kind: str) -> None:
    """The form posted to the server over ``db``: refused (413) and kept whole."""
    with SQLiteStorage(db) as storage:
        headers = [(b"content-type", kind.encode()), (b"accept", b"text/html")]
        status, _, _ = asgi_request(create_app(Desk(storage=storage)), "POST", "/", headers, body)
        assert status == 413
        (letter,) = storage.dead_letters()
        assert letter.reason == TOO_MANY_FIELDS


def _retry(db: str, *options: str) -> list[dict[str, str]]:
    args = ["--db", db, "dead-letters", "retry", "--all", "--json", *options]
    result = CliRunner().invoke(CLI, args)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("form", [_gbk_urlencoded, _multipart], ids=["urlencoded", "multipart"])
def test_a_retry_takes_the_form_in_as_it_was_sent_once(tmp_path: Path, form: object) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    body, kind = form()  # type: ignore[operator]
    _sent(db, body, kind)
    (outcome,) = _retry(db)
    assert outcome["outcome"] == "taken", outcome
    assert _retry(db) == []  # nothing is left to take in again
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []
        (case_id,) = storage.case_ids()
        case = storage.get(case_id)
        assert case.complaint.key == ("web", SUBMISSION)
        assert case.complaint.text == WORDS
        assert case.complaint.customer.contact == "a@example.cn"


def test_a_retry_refused_keeps_the_letter_until_a_retry_reads_it_right(tmp_path: Path) -> None:
    """A GBK form whose page said UTF-8: its text is no UTF-8, so the retry is refused
    naming the field; read again with the charset given anew, it is taken in, once."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    body, _ = _gbk_urlencoded()
    _sent(db, body, f"{URLENCODED}; charset=utf-8")
    (refused,) = _retry(db)
    assert refused["outcome"] == "refused", refused
    assert "text" in refused["reason"]
    with SQLiteStorage(db) as storage:
        (letter,) = storage.dead_letters()
        assert letter.retries == 1
        assert list(storage.case_ids()) == []
    (taken,) = _retry(db, "-o", f"form={URLENCODED}; charset=gbk")
    assert taken["outcome"] == "taken", taken
    with SQLiteStorage(db) as storage:
        (case_id,) = storage.case_ids()
        assert storage.get(case_id).complaint.text == WORDS
        assert storage.dead_letters() == []
