"""An urlencoded form declaring its charset (``Content-Type: …; charset=gbk``) is read in
it, as a multipart part is: GBK bytes are often valid UTF-8 too (漏水 is ``C2 A9 CB AE``, read
as ``©ˮ``), so read as UTF-8 a case would open with words the customer never wrote."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import read_form
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
WORDS = "漏水了三天没人管"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def _form(text: bytes, *, percent: bool) -> bytes:
    return b"text=" + (quote_from_bytes(text).encode() if percent else text)


@pytest.mark.parametrize("percent", [True, False], ids=["percent-encoded", "raw bytes"])
@pytest.mark.parametrize("charset", ["gbk", "GB18030", '"gbk"', "big5"])
def test_a_form_in_a_declared_charset_keeps_the_customers_words(
    served: tuple[httpx.Client, Desk], charset: str, percent: bool
) -> None:
    client, desk = served
    words = "漏水了三天沒人管" if charset == "big5" else WORDS
    body = _form(words.encode(charset.strip('"')), percent=percent)
    kind = f"application/x-www-form-urlencoded; charset={charset}"
    response = client.post("/", content=body, headers={"Content-Type": kind})
    assert response.status_code == 303, response.text
    token = response.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.text == words


def test_a_form_declaring_no_charset_or_an_unknown_one_reads_utf8(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    for kind in (
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "application/x-www-form-urlencoded; charset=zlib",
    ):
        body = _form(WORDS.encode(), percent=True) + b"&name=" + kind[-6:].encode()
        response = client.post("/", content=body, headers={"Content-Type": kind})
        assert response.status_code == 303, (kind, response.text)
        token = response.headers["location"].split("/status/")[1].split("?")[0]
        case = desk.storage.find_by_token(token)
        assert case is not None
        assert case.complaint.text == WORDS


@settings(max_examples=30, deadline=None)
@given(text=st.text(st.characters(codec="gbk", exclude_characters="\x00"), min_size=1))
def test_any_gbk_text_posted_as_a_gbk_form_is_read_as_typed(text: str) -> None:
    kind = "application/x-www-form-urlencoded; charset=gbk"
    body = b"name=%D6%DC&" + _form(text.encode("gbk"), percent=True)
    assert read_form(body, kind, {"name", "text"}) == {"name": "周", "text": text}


@pytest.mark.parametrize("charset", ["utf-16", "utf-16-le", "utf-32", "cp037"])
def test_a_form_declaring_a_charset_that_cannot_write_its_names_reads_utf8(charset: str) -> None:
    kind = f"application/x-www-form-urlencoded; charset={charset}"
    body = _form(WORDS.encode(), percent=True)
    assert read_form(body, kind, {"text"}) == {"text": WORDS}
