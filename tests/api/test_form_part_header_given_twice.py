"""A multipart form part giving its Content-Type, Content-Transfer-Encoding or
Content-Disposition twice, differently (a proxy's ``charset=gbk`` above the page's
``charset=utf-8``; two names for one part), was read by the first alone: UTF-8 外卖 came in
as 澶栧崠 and a case opened on it, nothing said. Which one holds is unclear, so the form is
kept whole as the dead letter of its request, naming the part, its field and the header,
and opens no case. The same header given twice alike is read."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import kept_as_sent, read_fields
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

KIND = "multipart/form-data; boundary=b"
WORDS = "外卖送得太慢了，饭菜都凉了".encode()  # noqa: RUF001 -- a Chinese comma


def form(text_head: bytes) -> bytes:
    return (
        b'--b\r\nContent-Disposition: form-data; name="contact"\r\n\r\n13800138000\r\n'
        b"--b\r\n" + text_head + b"\r\n" + WORDS + b"\r\n--b--\r\n"
    )


NAMED = b'Content-Disposition: form-data; name="text"\r\n'
TWICE = [
    (
        NAMED + b"Content-Type: text/plain; charset=gbk\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Type",
    ),
    (
        NAMED + b"Content-Transfer-Encoding: 8bit\r\nContent-Transfer-Encoding: base64\r\n",
        "Content-Transfer-Encoding",
    ),
    (NAMED + b'Content-Disposition: form-data; name="name"\r\n', "Content-Disposition"),
    (  # read by the first, the field was left out as an attached file
        b'Content-Disposition: form-data; name="text"; filename="a.txt"\r\n' + NAMED,
        "Content-Disposition",
    ),
]


@pytest.mark.parametrize(("head", "header"), TWICE)
def test_a_part_giving_a_header_twice_differently_is_named(head: bytes, header: str) -> None:
    broken: list[str] = []
    read_fields(form(head), KIND, {"text", "contact"}, broken=broken)
    assert len(broken) == 1
    assert f"part 2 (field 'text') gives {header} 2 times, differently" in broken[0]
    assert kept_as_sent(broken) is not None  # its value would be guessed at


def test_a_header_given_twice_alike_is_read() -> None:
    head = (
        NAMED
        + b"Content-Type: text/plain; charset=utf-8\r\ncontent-type: text/plain;  charset=UTF-8\r\n"
    )
    broken: list[str] = []
    values, _ = read_fields(form(head), KIND, {"text", "contact"}, broken=broken)
    assert values["text"] == WORDS.decode()
    assert broken == []


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize(("head", "header"), TWICE)
def test_the_form_is_kept_whole_and_opens_no_case(
    served: tuple[httpx.Client, Desk], head: bytes, header: str
) -> None:
    client, desk = served
    before = len(desk.storage.dead_letters())
    body = form(head)
    response = client.post("/", content=body, headers={"Content-Type": KIND})
    assert response.status_code == 422
    assert list(desk.storage.case_ids()) == []
    (letter,) = desk.storage.dead_letters()[before:]
    assert letter.raw == body
    assert letter.source.startswith("http:web:")
    assert f"part 2 (field 'text') gives {header} 2 times" in letter.reason
