"""A form sent twice (a double click, a reload after a slow answer) is one complaint."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

HTML = {"Accept": "text/html", "Accept-Language": "zh-CN"}
TOKEN = re.compile(r'<input type="hidden" name="submission" value="([0-9a-f]{20})">')


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(datetime(2026, 12, 1, 2, tzinfo=UTC)),
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        yield client, desk


def token(page: str) -> str:
    found = TOKEN.search(page)
    assert found is not None, "the form carries no submission token"
    return found.group(1)


def send(client: httpx.Client, **fields: str) -> httpx.Response:
    return client.post("/?lang=zh", data=fields, headers=HTML)


@pytest.mark.parametrize("contact", ["13800001234", ""])
def test_the_same_form_sent_twice_is_one_case(
    served: tuple[httpx.Client, Desk], contact: str
) -> None:
    client, desk = served
    submission = token(client.get("/", headers=HTML).text)
    first = send(client, text="牛奶变质了", contact=contact, submission=submission)
    again = send(client, text="牛奶变质了", contact=contact, submission=submission)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"]
    assert len(desk.find()) == 1


def test_each_showing_of_the_form_is_a_new_submission(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    for _ in range(2):
        submission = token(client.get("/", headers=HTML).text)
        send(client, text="牛奶变质了", contact="13800001234", submission=submission)
    assert len(desk.find()) == 2


def test_a_form_sent_again_with_other_words_is_a_complaint_of_its_own(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    submission = token(client.get("/", headers=HTML).text)
    send(client, text="牛奶变质了", submission=submission)
    second = send(client, text="面包也发霉了", submission=submission)  # back, edit, send
    assert second.status_code == 303
    assert sorted(c.complaint.text for c in desk.find()) == ["牛奶变质了", "面包也发霉了"]
    assert desk.storage.dead_letters() == []


def test_a_refused_form_shown_again_keeps_its_submission(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, _ = served
    submission = token(client.get("/", headers=HTML).text)
    page = send(client, text="   ", submission=submission)
    assert page.status_code == 422
    assert token(page.text) == submission


@pytest.mark.parametrize("sent", ["", "../etc", "0" * 5000, "\uff10" * 20, "ab" * 10 + "\x00"])
def test_a_submission_that_is_not_one_the_form_makes_is_ignored(
    served: tuple[httpx.Client, Desk], sent: str
) -> None:
    client, desk = served
    for _ in range(2):
        assert send(client, text="牛奶变质了", submission=sent).status_code == 303
    assert len(desk.find()) == 2  # two posts the server cannot tell apart: two complaints
    assert all(re.fullmatch(r"[0-9a-f]{20}", c.complaint.external_id) for c in desk.find())


def test_a_form_sent_again_with_another_contact_is_a_complaint_of_its_own(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    submission = token(client.get("/", headers=HTML).text)
    send(client, text="牛奶变质了", contact="13800001234", submission=submission)
    second = send(client, text="牛奶变质了", contact="13900005678", submission=submission)
    assert second.status_code == 303
    assert len(desk.find()) == 2
    assert desk.storage.dead_letters() == []


@pytest.mark.parametrize(
    ("field", "first", "edited"), [("order_id", "A-100", "A-1001"), ("name", "王女士", "王芳")]
)
def test_a_form_sent_again_with_an_edited_field_keeps_the_edit(
    served: tuple[httpx.Client, Desk], field: str, first: str, edited: str
) -> None:
    """Back, correct the order number, send: the correction is not dropped for the case the
    first sending opened."""
    client, desk = served
    submission = token(client.get("/", headers=HTML).text)
    send(client, text="牛奶变质了", submission=submission, **{field: first})
    second = send(client, text="牛奶变质了", submission=submission, **{field: edited})
    assert second.status_code == 303
    sent = {(c.complaint.order_id, c.complaint.customer.name) for c in desk.find()}
    assert len(sent) == 2
    assert any(edited in values for values in sent)
