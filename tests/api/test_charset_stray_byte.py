"""A charset parameter holding a stray byte beyond ASCII after its name
(``charset=utf-8\\xff``: a header cut or mangled on its way) was read as if its name were
known: a JSON body in ASCII was taken in, a form's fields — urlencoded, or a multipart
part — were read as if no charset were named, guessed to be UTF-8 or GB18030. No charset's
name holds such a byte, so which one was meant is unknown: the body is refused naming the
charset as sent, and kept whole as a dead letter, which a retry given the charset takes in."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli()
#: Where the stray byte is: after the name, inside quotes, after a no-break space.
STRAY = [b"utf-8\xff", b'"utf-8\xff"', b"utf-8\xa0\xff", b"gbk\xe2\x80\x8b"]
BODY = json.dumps({"external_id": "S-1", "customer": {"id": "c"}, "text": "late again"})


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.db'}"


def _post(db: str, path: str, kind: bytes, body: bytes) -> tuple[int, bytes]:
    with SQLiteStorage(db) as storage:
        headers = [(b"content-type", kind), (b"accept", b"text/html")]
        status, _, answer = asgi_request(
            create_app(Desk(storage=storage)), "POST", path, headers, body
        )
    return status, answer


def _retry(db: str, *options: str) -> dict[str, str]:
    args = ["--db", db, "dead-letters", "retry", "--all", "--json", *options]
    (outcome,) = json.loads(CliRunner().invoke(CLI, args).stdout)
    return outcome  # type: ignore[no-any-return]


def _kept_only(db: str) -> str:
    """The reason of the one letter kept, no case having opened."""
    with SQLiteStorage(db) as storage:
        assert list(storage.case_ids()) == []
        (letter,) = storage.dead_letters()
        return letter.reason


@pytest.mark.parametrize("charset", STRAY)
def test_a_json_body_so_declared_is_refused_and_kept(tmp_path: Path, charset: bytes) -> None:
    db = _db(tmp_path)
    status, answer = _post(
        db, "/complaints", b"application/json; charset=" + charset, BODY.encode()
    )
    assert status == 422
    refusal = json.loads(answer)
    assert refusal["field"] == "Content-Type"
    assert "\\x" in refusal["error"]  # the byte, as sent
    assert "\\x" in _kept_only(db)
    assert _retry(db)["outcome"] == "refused"  # read so again, it is still no charset
    assert _retry(db, "-o", "charset=utf-8")["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        assert len(list(storage.case_ids())) == 1
        assert storage.dead_letters() == []


@pytest.mark.parametrize("charset", STRAY)
def test_an_urlencoded_form_so_declared_is_kept_and_retried(tmp_path: Path, charset: bytes) -> None:
    db = _db(tmp_path)
    body = urlencode({"text": "漏水", "contact": "a@example.cn"}, encoding="gbk").encode()
    kind = b"application/x-www-form-urlencoded; charset=" + charset
    status, _ = _post(db, "/", kind, body)
    assert status == 422
    assert "\\x" in _kept_only(db)
    assert _retry(db)["outcome"] == "refused"
    form = "form=application/x-www-form-urlencoded; charset=gbk"
    assert _retry(db, "-o", form)["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        (case_id,) = storage.case_ids()
        assert storage.get(case_id).complaint.text == "漏水"


@pytest.mark.parametrize("charset", STRAY)
def test_a_multipart_field_so_declared_is_kept(tmp_path: Path, charset: bytes) -> None:
    db = _db(tmp_path)
    body = (
        b'--B\r\nContent-Disposition: form-data; name="text"\r\n'
        b"Content-Type: text/plain; charset="
        + charset
        + b"\r\n\r\n"
        + "漏水".encode("gbk")
        + b"\r\n--B--\r\n"
    )
    status, _ = _post(db, "/", b"multipart/form-data; boundary=B", body)
    assert status == 422
    assert "\\x" in _kept_only(db)
    assert _retry(db)["outcome"] == "refused"
