"""A JSON body that starts with a UTF-8 byte order mark (what Windows Notepad and
PowerShell's ``Out-File`` write) is read as the JSON after it, as RFC 8259 lets a parser
do: it was refused with the json module's own ``Unexpected UTF-8 BOM`` message, though
every byte of the complaint was readable."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.jsonvalues import parse_json
from complaintkit.testing.server import running_server
from loopback import loopback_client


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def test_a_complaint_after_a_byte_order_mark_is_taken_in(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    complaint = {"external_id": "BOM-1", "customer": {"id": "c"}, "text": "热水器漏水"}
    body = codecs.BOM_UTF8 + json.dumps(complaint, ensure_ascii=False).encode()
    response = client.post(
        "/complaints", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (200, 201), response.text
    case = desk.storage.find_by_key("http", "BOM-1")
    assert case is not None
    assert case.complaint.text == "热水器漏水"


def test_only_one_leading_mark_is_read_past() -> None:
    assert parse_json(codecs.BOM_UTF8 + b'{"a": 1}') == {"a": 1}
    assert parse_json('\ufeff{"a": 1}') == {"a": 1}
    with pytest.raises(Exception, match="body"):
        parse_json(codecs.BOM_UTF8 * 2 + b'{"a": 1}')
