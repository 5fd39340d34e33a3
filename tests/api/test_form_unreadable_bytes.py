"""A form's field whose bytes are not text in its charset. Browsers never name the charset
of an urlencoded form: they write the page's, and a site's own form on a GBK page (common
in China) sends GBK. Read leniently as UTF-8, 漏水了三天没人管 opened a case reading
``�©ˮ��…``: the customer's words were gone and their bytes kept nowhere. A form naming no
charset is read as UTF-8, else as GB18030 (as unnamed mail is); a field neither reads, or
one not valid in the charset declared, is the form again (422) beside that field, and
nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import read_fields
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

URLENCODED = "application/x-www-form-urlencoded"
WORDS = "漏水了三天没人管"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def _post(client: httpx.Client, text: bytes, kind: str = URLENCODED) -> httpx.Response:
    body = b"contact=13800138000&text=" + quote_from_bytes(text).encode()
    return client.post("/", content=body, headers={"Content-Type": kind})


def test_a_gbk_form_naming_no_charset_keeps_the_customers_words(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    response = _post(client, WORDS.encode("gbk"))
    assert response.status_code == 303, response.text
    token = response.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.text == WORDS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (b"\xff\xfe broken", URLENCODED),
        (b"\xed\xa0\x80", URLENCODED),  # a surrogate written as UTF-8
        ("漏水".encode("gbk") + b"\xff", f"{URLENCODED}; charset=gbk"),
        (b"\xa4", f"{URLENCODED}; charset=utf-8"),
    ],
)
def test_a_field_that_cannot_be_read_is_the_form_again(
    served: tuple[httpx.Client, Desk], text: bytes, kind: str
) -> None:
    client, desk = served
    before = len(list(desk.storage.case_ids()))
    response = _post(client, text, kind)
    assert response.status_code == 422
    assert 'id="text-error"' in response.text
    assert len(list(desk.storage.case_ids())) == before


def test_multipart_fields_are_read_alike() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        + WORDS.encode("gbk")
        + b'\r\n--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xff\r\n--b--\r\n'
    )
    unread: list[str] = []
    values, _ = read_fields(body, "multipart/form-data; boundary=b", {"text", "name"}, unread)
    assert values["text"] == WORDS
    assert unread == ["name"]


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=40))
def test_any_bytes_are_read_whole_or_named(value: bytes) -> None:
    """Whatever bytes a field holds, it is read as UTF-8 or GB18030 exactly, or it is
    named as unreadable: never read with characters replaced, nor as GB18030 that holds
    private-use characters (another charset's bytes, such as Big5, read so); UTF-8 is read
    whole, GB18030 only as Chinese people write it (``guessed_text``, as mail's)."""
    unread: list[str] = []
    body = b"text=" + quote_from_bytes(value).encode()
    values, _ = read_fields(body, URLENCODED, {"text"}, unread)
    readings = []
    for codec in ("utf-8", "gb18030"):
        try:
            reading = value.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" or not any("\ue000" <= c <= "\uf8ff" for c in reading):
            readings.append(reading)
    if readings and value.decode("utf-8", "ignore").encode() == value:  # valid UTF-8
        assert values["text"] == readings[0]
        assert unread == []
    elif unread != ["text"]:  # read whole: as GB18030, exactly
        assert unread == []
        assert values["text"] in readings
