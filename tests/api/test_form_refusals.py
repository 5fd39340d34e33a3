"""The customer form's refusals: what the customer can fix is shown beside its field with
what they typed, and kept nowhere; what they cannot fix is kept as a dead letter."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.requests import Request

from complaintkit.api.app import create_app
from complaintkit.api.pages import wants_html
from complaintkit.api.wording import from_accept_language
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

HTML = {"Accept": "text/html"}


class Broken:
    """A classification plugin with a bug: it raises on every complaint."""

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
        raise RuntimeError("lookup table missing")


def serve(desk: Desk) -> Iterator[tuple[httpx.Client, Desk]]:
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    yield from serve(Desk(None, storage=f"sqlite:///{tmp_path / 'cases.db'}"))


@pytest.fixture
def broken(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Broken(), name="broken")
    desk = Desk(None, storage=f"sqlite:///{tmp_path / 'cases.db'}", plugins=Plugins(pm))
    yield from serve(desk)


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "漏水\x00了"},
        {"name": "王" * 2000, "text": "漏水"},
        {"order_id": "9" * 2000, "text": "漏水"},
    ],
)
def test_what_the_customer_can_fix_is_shown_again_and_not_kept(
    served: tuple[httpx.Client, Desk], fields: dict[str, str]
) -> None:
    client, desk = served
    page = client.post("/?lang=zh", data=fields, headers=HTML)
    assert page.status_code == 422
    assert 'class="error"' in page.text
    assert desk.storage.dead_letters() == []


def test_what_the_customer_cannot_fix_is_kept_and_can_be_retried(
    broken: tuple[httpx.Client, Desk],
) -> None:
    client, desk = broken
    page = client.post("/?lang=zh", data={"text": "洗衣机漏水", "name": "王女士"}, headers=HTML)
    assert page.status_code == 422
    assert "洗衣机漏水" in page.text  # what they typed is kept on the page
    (letter,) = desk.storage.dead_letters()
    assert letter.source.startswith("complaint:web:")
    assert "RuntimeError" in letter.reason
    kept = json.loads(letter.raw)
    assert (kept["text"], kept["customer"]["name"]) == ("洗衣机漏水", "王女士")
    assert Complaint.from_json(kept).text == "洗衣机漏水"


class _Down(MemoryStorage):
    """A store that went away: nothing can be taken in, nor kept."""

    def find_by_key(self, channel: str, external_id: str) -> None:
        raise StorageError("cannot connect to PostgreSQL at postgresql://ck@db.internal/prod")


def test_a_store_that_is_down_shows_the_form_again_with_what_was_typed() -> None:
    """Nothing can be kept, so the customer keeps it: their words stay on the page, with a
    note in their language to send it again later, never a JSON error."""
    with running_server(create_app(Desk(None, storage=_Down()))) as url:
        page = httpx.post(
            f"{url}/?lang=zh", data={"text": "洗衣机漏水", "name": "王女士"}, headers=HTML
        )
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "洗衣机漏水" in page.text
    assert 'value="王女士"' in page.text
    assert "稍后再试" in page.text
    assert "db.internal" not in page.text


@pytest.mark.parametrize(
    ("accept", "page"),
    [
        ("text/html", True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
        ("application/json", False),
        ("text/html;q=0, application/json", False),
        ("application/json;q=0.5, text/html", True),
        ("text/html;q=0.4, application/json;q=0.9", False),
        ("application/json, text/html", False),
        ("TEXT/HTML ; Q=1", True),
        ("text/html;q=nan", False),
        ("text/html;q=abc", False),
        ("", False),
    ],
)
def test_a_page_is_served_to_whom_the_accept_header_prefers_it(accept: str, page: bool) -> None:
    """By quality, then by order: a client refusing HTML (``q=0``) gets JSON."""
    scope = {"type": "http", "headers": [(b"accept", accept.encode())]}
    assert wants_html(Request(scope)) is page


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-GB, zh;q=0.9", "en"),
        ("en;q=0.5, zh-TW;q=0.7", "zh"),
        ("zh;q=0, en", "en"),
        ("fr, de;q=0.9", "zh"),
        ("en;q=x", "zh"),
        (None, "zh"),
    ],
)
def test_the_page_language_is_the_preferred_of_chinese_and_english(
    header: str | None, lang: str
) -> None:
    assert from_accept_language(header) == lang


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_kept_form_tells_the_customer_the_reference_of_its_letter(
    broken: tuple[httpx.Client, Desk], lang: str
) -> None:
    """Support asked about it must find the letter: the page names what locates it."""
    client, desk = broken
    page = client.post(f"/?lang={lang}", data={"text": "洗衣机漏水"}, headers=HTML)
    (letter,) = desk.storage.dead_letters()
    reference = letter.source.removeprefix("complaint:web:")
    shown = re.search(r'<p class="error" id="text-error">([^<]*)</p>', page.text)
    assert shown is not None
    assert reference in shown.group(1)


class _NoRoomForLetters(MemoryStorage):
    """A store that fails just as a refused form is to be kept."""

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        raise StorageError("disk I/O error at /var/lib/complaintkit/cases.db")


def test_a_refusal_that_cannot_be_kept_shows_the_form_again_with_what_was_typed() -> None:
    """A plugin refused the complaint and the letter could not be stored either: the customer
    keeps their words on a page asking to send them again later, never a JSON error."""
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Broken(), name="broken")
    desk = Desk(None, storage=_NoRoomForLetters(), plugins=Plugins(pm))
    with running_server(create_app(desk)) as url:
        page = httpx.post(f"{url}/?lang=zh", data={"text": "洗衣机漏水"}, headers=HTML)
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "洗衣机漏水" in page.text
    assert "稍后再试" in page.text
    assert "/var/lib" not in page.text
