"""A form field sent twice is refused, naming it: which of its values the customer meant is
unclear, and keeping the first silently dropped the other. Nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

HTML = {"Accept": "text/html"}
URLENCODED = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(None, storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


def stored(desk: Desk) -> int:
    return len(list(desk.storage.case_ids())) + len(desk.storage.dead_letters())


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("text=%E6%BC%8F%E6%B0%B4&text=%E6%B2%A1%E4%BA%8B%E4%BA%86", "text"),
        ("text=a&order_id=SO-1&order_id=SO-2", "order_id"),
        ("contact=a%40example.com&text=a&contact=b%40example.com", "contact"),
        ("name=A&name=B&text=a", "name"),
    ],
)
def test_a_field_sent_twice_is_refused_naming_it_and_nothing_is_stored(
    served: tuple[httpx.Client, Desk], body: str, field: str
) -> None:
    client, desk = served
    page = client.post("/?lang=en", content=body, headers=URLENCODED)
    assert page.status_code == 422
    assert f'id="{field}-error"' in page.text
    assert "more than once" in page.text
    assert stored(desk) == 0


def test_a_multipart_field_sent_twice_is_refused_too(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    files = [("text", (None, "漏水")), ("text", (None, "没事了"))]
    page = client.post("/?lang=zh", files=files, headers=HTML)
    assert page.status_code == 422
    assert 'id="text-error"' in page.text
    assert stored(desk) == 0


def test_fields_the_form_does_not_read_may_repeat(served: tuple[httpx.Client, Desk]) -> None:
    """A site's own template may send a checkbox group or several buttons' values."""
    client, desk = served
    body = "text=%E6%BC%8F%E6%B0%B4&tag=a&tag=b&text="  # a blank text is no field
    page = client.post("/?lang=zh", content=body, headers=URLENCODED, follow_redirects=False)
    assert page.status_code == 303
    assert len(list(desk.storage.case_ids())) == 1


def test_a_json_body_with_a_key_twice_is_refused_naming_it(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    body = (
        b'{"external_id": "1", "customer": {"id": "c"}, '
        b'"text": "\xe6\xbc\x8f\xe6\xb0\xb4", "text": "fine"}'
    )
    answer = client.post("/complaints", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert "'text' more than once" in answer.json()["error"]
    assert list(desk.storage.case_ids()) == []
    [letter] = desk.storage.dead_letters()  # a refused body is kept, as any other
    assert letter.raw == body
