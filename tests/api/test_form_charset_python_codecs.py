"""A charset label naming one of Python's own text codecs that no text is written in —
``unicode_escape``, ``raw_unicode_escape``, ``punycode``, ``idna`` — is no charset: read
so, the customer's ``C:\\new`` became ``C:`` and a line break and ``\\u4e2d`` became 中, words
they never wrote. The form reads such a body as one naming no charset, and a mail so
labelled is refused (kept as a dead letter), never taken in changed."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.channels.http_body import body_in_utf8
from complaintkit.channels.mail_charsets import charset_codec
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.testing.server import running_server
from loopback import loopback_client

TYPED = "文件在 C:\\new\\orders 里, 编号 \\u4e2d\\x41"
CODECS = ["unicode_escape", "Unicode-Escape", "raw_unicode_escape", "punycode", "idna"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize("label", CODECS)
def test_a_form_so_labelled_keeps_what_was_typed(
    served: tuple[httpx.Client, Desk], label: str
) -> None:
    client, desk = served
    body = ("text=" + quote(TYPED.encode("utf-8"))).encode()
    kind = f"application/x-www-form-urlencoded; charset={label}"
    response = client.post("/", content=body, headers={"Content-Type": kind})
    assert response.status_code == 303, response.text
    token = response.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.text == TYPED


@pytest.mark.parametrize("label", CODECS)
def test_such_a_label_names_no_codec(label: str) -> None:
    with pytest.raises(LookupError):
        charset_codec(label)


@pytest.mark.parametrize("label", CODECS)
def test_a_mail_so_labelled_is_refused_not_changed(label: str) -> None:
    head = (
        "From: a@example.com\nMessage-ID: <x1@example.com>\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\nSubject: s\n"
        f"Content-Type: text/plain; charset={label}\nContent-Transfer-Encoding: 8bit\n\n"
    )
    with pytest.raises(InvalidInput):
        parse_mail(head.encode() + b"C:\\new \\u4e2d")


def test_a_kept_json_body_so_labelled_is_not_read_again_changed() -> None:
    """A JSON body declaring such a charset is refused and kept with it; ``dead-letters
    retry`` read it in that codec, and ``"C:\\\\new"`` came back holding a line break."""
    with pytest.raises(InvalidInput) as refused:
        body_in_utf8(b'{"text": "C:\\\\new \\\\u4e2d"}', "unicode_escape")
    assert refused.value.field == "charset"


def test_a_kept_json_body_reads_again_in_its_labels_superset() -> None:
    words = "朱镕基的订单漏水"
    assert body_in_utf8(words.encode("gbk"), "chinese").decode("utf-8") == words
