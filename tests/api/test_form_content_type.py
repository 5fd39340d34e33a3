"""A form's ``Content-Type`` holding a character Python counts as a line break: HTTP lets a
header value carry any byte from 0x80 (Starlette reads it as Latin-1, where 0x85 is NEL),
and the MIME parser that reads the header's parameters refuses a line break. The form is
read all the same, never a bug's 422 in JSON where the customer expected the form."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import read_form
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

#: Every character ``str.splitlines`` breaks at, which the MIME parser refuses in a header.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
BODY = b'--a\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xe6\xbc\x8f\xe6\xb0\xb4\r\n--a--\r\n'


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize(
    "kind",
    [
        b"multipart/form-data; boundary=a; note=\x85x",
        b"multipart/form-data; note=x\x85x; boundary=a",
        b"multipart/form-data; boundary=a\x85b",
        b"application/x-www-form-urlencoded; charset=\x85x",
    ],
)
def test_a_form_whose_content_type_holds_nel_is_answered_as_a_form(
    served: tuple[httpx.Client, Desk], kind: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    client, desk = served
    body = BODY if kind.startswith(b"multipart") else "text=漏水".encode()
    with caplog.at_level(logging.ERROR):
        response = client.post("/", content=body, headers={b"Content-Type": kind})
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert response.status_code in (303, 422), response.text
    if response.status_code == 422:  # a boundary no body can use: the form, with its reason
        assert response.headers["content-type"].startswith("text/html")
        return
    token = response.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.text == "漏水"


@given(
    st.text(st.characters(categories=["L", "N", "Zs"]), max_size=20),
    st.sampled_from(LINE_BREAKS),
    st.booleans(),
)
def test_any_line_break_in_a_content_type_reads_as_fields(
    noise: str, brk: str, multipart: bool
) -> None:
    kind = "multipart/form-data; boundary=a" if multipart else "application/x-www-form-urlencoded"
    body = BODY if multipart else "text=漏水".encode()
    assert read_form(body, f"{kind}; note={noise}{brk}{noise}", {"text"}) == {"text": "漏水"}
