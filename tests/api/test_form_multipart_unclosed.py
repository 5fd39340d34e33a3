"""A multipart form whose closing boundary never appears, or with a part after it.

With no closing line (``--b--``) the last field was taken up to the body's end, keeping the
line break before where the boundary should have been (``漏水了\\r\\n``), and a case opened
on words that may be cut short; fields after a closing line written too soon were dropped
unread, with no word. Either is now kept, as the mail channel keeps such a message: the
complaint as a dead letter (its fields, each without what is not the customer's text, those
after the closing line too) with the defect as its reason, and no case opened from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import read_fields
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

KIND = "multipart/form-data; boundary=b"
WORDS = "漏水了三天没人管"


def part(name: str, value: str, newline: bytes = b"\r\n") -> bytes:
    head = f'--b{newline.decode()}Content-Disposition: form-data; name="{name}"'
    return head.encode() + newline * 2 + value.encode() + newline


UNCLOSED = part("contact", "13800138000") + part("text", WORDS)
UNCLOSED_LF = part("contact", "13800138000", b"\n") + part("text", WORDS, b"\n")
AFTER_CLOSE = part("contact", "13800138000") + b"--b--\r\n" + part("text", WORDS) + b"--b--\r\n"


@pytest.mark.parametrize(
    "body",
    [UNCLOSED, UNCLOSED_LF, UNCLOSED.rstrip(b"\r\n"), UNCLOSED[:-1], UNCLOSED + b"--b-"],
)
def test_the_last_field_of_an_unclosed_form_keeps_no_line_break(body: bytes) -> None:
    broken: list[str] = []
    values, _ = read_fields(body, KIND, {"text", "contact"}, broken=broken)
    assert values == {"contact": "13800138000", "text": WORDS}
    assert len(broken) == 1
    assert "closing boundary never appears" in broken[0]


def test_fields_after_the_closing_line_are_read_and_named() -> None:
    broken: list[str] = []
    values, _ = read_fields(AFTER_CLOSE, KIND, {"text", "contact"}, broken=broken)
    assert values == {"contact": "13800138000", "text": WORDS}
    assert len(broken) == 1
    assert "after its closing boundary" in broken[0]


def test_a_well_formed_form_is_not_broken() -> None:
    broken: list[str] = []
    body = part("contact", "13800138000") + part("text", WORDS) + b"--b--\r\n"
    values, _ = read_fields(body, KIND, {"text", "contact"}, broken=broken)
    assert values == {"contact": "13800138000", "text": WORDS}
    assert broken == []


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize(
    ("body", "reason"),
    [(UNCLOSED, "closing boundary never appears"), (AFTER_CLOSE, "after its closing boundary")],
)
def test_a_broken_form_is_kept_whole_as_a_dead_letter_and_opens_no_case(
    served: tuple[httpx.Client, Desk], body: bytes, reason: str
) -> None:
    client, desk = served
    before_cases = len(list(desk.storage.case_ids()))
    before_letters = len(desk.storage.dead_letters())
    response = client.post("/", content=body, headers={"Content-Type": KIND})
    assert response.status_code != 303
    assert len(list(desk.storage.case_ids())) == before_cases
    letters = desk.storage.dead_letters()[before_letters:]
    assert len(letters) == 1
    assert letters[0].source.startswith("complaint:web:")
    assert reason in letters[0].reason
    kept = json.loads(letters[0].raw)
    assert kept["text"] == WORDS
    assert kept["customer"]["contact"] == "13800138000"
    assert kept["external_id"] in response.text  # the reference the customer is given
