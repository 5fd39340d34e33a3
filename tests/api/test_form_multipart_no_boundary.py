"""A multipart form whose parts cannot be found: its ``Content-Type`` names no boundary
(none, an empty one, one beyond ASCII), or one that no line of the body opens with (a
client that wrote one boundary in the header and another in the body). Its fields were
read as none, and the customer was asked to tell what happened — the words they typed
dropped without a trace. Such a body is now kept whole as a dead letter (``http:web:<request
id>``, its ``Content-Type`` with it) naming the boundary, the form says it is kept under
that reference, and a retry given the boundary (``-o form='multipart/form-data;
boundary=…'``) takes it in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import kept_as_sent, read_fields
from complaintkit.api.form_letter import complaint_from_form_letter
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

WORDS = "冰箱坏了,三天没人来修"
BODY = (
    '--b\r\nContent-Disposition: form-data; name="contact"\r\n\r\n13800138000\r\n'
    f'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n{WORDS}\r\n--b--\r\n'
).encode()
UNREADABLE_KINDS = [
    "multipart/form-data",
    "multipart/form-data; boundary=",
    'multipart/form-data; boundary=""',
    "multipart/form-data; boundary=other",
    "multipart/form-data; boundary=" + "b" * 500,
]


@pytest.mark.parametrize("kind", UNREADABLE_KINDS)
def test_a_form_whose_parts_cannot_be_found_is_named_broken(kind: str) -> None:
    broken: list[str] = []
    values, _ = read_fields(BODY, kind, {"text", "contact"}, broken=broken)
    assert values == {}
    assert kept_as_sent(broken) is not None
    assert "boundary" in broken[0]


@pytest.mark.parametrize("kind", ["multipart/form-data", "multipart/form-data; boundary=b"])
def test_an_empty_multipart_form_is_not_broken(kind: str) -> None:
    broken: list[str] = []
    assert read_fields(b"  \r\n", kind, {"text"}, broken=broken)[0] == {}
    assert broken == []


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize("kind", UNREADABLE_KINDS)
def test_the_form_is_kept_whole_and_opens_no_case(
    served: tuple[httpx.Client, Desk], kind: str
) -> None:
    client, desk = served
    before = len(desk.storage.dead_letters())
    response = client.post("/", content=BODY, headers={"Content-Type": kind})
    assert response.status_code == 422
    assert list(desk.storage.case_ids()) == []
    (letter,) = desk.storage.dead_letters()[before:]
    assert letter.raw == BODY
    reference = response.headers["X-Request-Id"]
    assert letter.source.startswith(f"http:web:{reference} ")
    assert "boundary" in letter.reason
    assert reference in response.text


def test_a_retry_given_the_boundary_takes_the_form_in() -> None:
    desk = Desk(storage="memory:")
    received = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    options = {"form": "multipart/form-data; boundary=b", "lang": "zh"}
    complaint = complaint_from_form_letter(desk, BODY, options, received)
    assert complaint.text == WORDS
