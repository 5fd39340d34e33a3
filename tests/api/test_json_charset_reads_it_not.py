"""A JSON body whose declared charset does not read it whole (UTF-8 holding 𣀀, whose
bytes GBK has no character for, under ``charset=gbk``) was asked which charset it was
misread from, a question for bodies that charset reads whole: the check raised, and the
complaint got a 422 saying only "could not be processed", naming nothing, a traceback in
the log. It is refused as any body in a charset other than UTF-8, naming
``Content-Type``, and kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage


@pytest.mark.parametrize("charset", [b"gbk", b"gb2312", b"gb18030", b"big5"])
@pytest.mark.parametrize("text", ["𣀀", "漏水 𣀀\x80", "\udcff"])
def test_a_body_its_charset_does_not_read_is_refused_naming_content_type(
    tmp_path: Path, charset: bytes, text: str
) -> None:
    body = json.dumps(
        {"external_id": "", "customer": {"id": text}, "text": "0"}, ensure_ascii=False
    ).encode("utf-8", "surrogateescape")
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        headers = [(b"content-type", b"application/json; charset=" + charset)]
        status, _, answer = asgi_request(
            create_app(Desk(storage=storage)), "POST", "/complaints", headers, body
        )
        letters = storage.dead_letters()
    refusal = json.loads(answer)
    assert status == 422, refusal
    assert refusal["field"] == "Content-Type"
    assert [letter.raw for letter in letters] == [body]
