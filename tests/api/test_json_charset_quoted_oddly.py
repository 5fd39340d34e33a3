"""A charset written in single quotes (``charset='gbk'``, as code building the header by
hand writes it) or with a no-break space after it was read as no charset: the standard
library takes ``'gbk'`` for RFC 2231's ``charset'language'value`` with no value, and gives
no charset that is not ASCII. So a GBK body declaring it was read as UTF-8, which its bytes
often are too: a case opened saying ``©ˮ`` for 漏水. The charset is now read as written,
without its quotes and spaces, and such a body refused as any other declaring GBK; a form
declaring it is read in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import declared_charset
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

ODD = [b"application/json; charset='gbk'", b"application/json; charset=gbk\xa0"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize("kind", ODD)
def test_a_gbk_body_whose_charset_is_written_oddly_is_refused_not_read_as_utf8(
    served: tuple[httpx.Client, Desk], kind: bytes
) -> None:
    client, desk = served
    key = f"GBK-{ODD.index(kind)}"
    complaint = {"external_id": key, "customer": {"id": "c"}, "text": "漏水"}
    body = json.dumps(complaint, ensure_ascii=False).encode("gbk")
    body.decode("utf-8")  # valid UTF-8 by chance: read so, it says ©ˮ
    response = client.post("/complaints", content=body, headers={b"Content-Type": kind})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "Content-Type"
    assert desk.storage.find_by_key("http", key) is None
    letter = desk.storage.dead_letters()[-1]
    assert letter.source.endswith(' {"charset":"gbk"}')
    assert letter.raw == body


def test_a_form_whose_charset_is_in_single_quotes_is_read_in_it(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    body = b"text=" + quote_from_bytes("漏水".encode("gbk")).encode()  # ©ˮ read as UTF-8
    kind = b"application/x-www-form-urlencoded; charset='gbk'"
    response = client.post("/", content=body, headers={b"Content-Type": kind})
    assert response.status_code == 303, response.text
    cases = [desk.storage.get(case_id) for case_id in desk.storage.case_ids()]
    [case] = [c for c in cases if c.complaints[0].text == "漏水"]
    assert case.complaints[0].channel == "web"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("text/plain; charset='GBK'", "gbk"),
        ('text/plain; charset=" gbk "', "gbk"),
        ("text/plain; charset=gbk\xa0", "gbk"),
        ("text/plain; charset=''", None),
        ("text/plain; charset*=utf-8''gbk", "gbk"),
        ("text/plain; charset=utf-8", "utf-8"),
        ("text/plain", None),
    ],
)
def test_the_charset_is_read_as_written_without_quotes_or_spaces(
    written: str, read: str | None
) -> None:
    assert declared_charset(written) == read
