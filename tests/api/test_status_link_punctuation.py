# ruff: noqa: RUF001, RUF002 -- the Chinese punctuation a link is followed by is the subject
"""A status link followed by punctuation still reaches the customer's page.

Letters put the link where a sentence goes on: "查看进度：https://…/status/<token>。". Mail
programs and chat apps link a run of characters up to the next space, so the link the
customer tapped ended in the full stop (``%E3%80%82``), or in ``，``, ``）``, ``」``, an ASCII
``.`` or ``)``, and the page answered that no complaint has this token. A token is made of
``secrets.token_urlsafe``'s letters only, so what follows them at the path's end cannot be
part of it: the page sends a browser on (308) to the link without it. And a letter no longer
writes such a character right after the link: a space parts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.notify.templates import Template, template_fields
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "zh-CN"}
#: what ends a sentence or a bracket right after a link, Chinese and Latin
AFTER = ["。", "，", "）", "」", ".", ")", "！", "；", ".)", "」。", "、"]
POLICY = f"""
complaintkit: 1
extends: {BASE}
templates:
  ack:
    zh: {{subject: "已收到", body: "您的投诉已受理，查看进度：{{case.status_url}}。如有疑问请回复。"}}
notifications:
  default_language: zh
  status_url: "https://shop.example/status/{{token}}"
  notifiers: {{log: {{type: log}}}}
  rules:
    - {{"on": opened, notify: [customer], via: log, template: ack}}
"""
#: how a chat app or mail program finds a link in plain text: up to the next blank
LINKED = re.compile(r"https?://\S+")


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk, Case]]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(
        load_policy(tmp_path / "policy.yaml"),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(NOON),
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "w-1",
                "customer": {"id": "c-1", "contact": "wang@example.cn"},
                "received_at": NOON.isoformat(),
                "text": "收银员态度很差",
            }
        )
        yield client, desk, case


@pytest.mark.parametrize("after", AFTER)
def test_a_link_ending_in_punctuation_reaches_the_page(
    served: tuple[httpx.Client, Desk, Case], after: str
) -> None:
    client, _, case = served
    sent = client.get(f"/status/{case.status_token}{quote(after)}?lang=en", headers=BROWSER)
    assert sent.status_code == 308
    assert sent.headers["location"] == f"/status/{case.status_token}?lang=en"
    assert sent.headers["cache-control"] == "no-store"
    page = client.get(sent.headers["location"], headers=BROWSER)
    assert page.status_code == 200
    assert '<html lang="en">' in page.text


def test_an_unknown_token_with_punctuation_is_still_not_found(
    served: tuple[httpx.Client, Desk, Case],
) -> None:
    client, _, case = served
    for path in (f"/status/{case.status_token[:-1]}。", "/status/。", "/status/nope)"):
        page = client.get(quote(path), headers=BROWSER, follow_redirects=True)
        assert page.status_code == 404
        assert "找不到这个投诉" in page.text


def test_the_link_a_chat_app_finds_in_the_letter_opens_the_page(
    served: tuple[httpx.Client, Desk, Case],
) -> None:
    client, desk, case = served
    [letter] = desk.storage.deliveries(case_id=case.id)
    body = letter.outgoing.payload["body"]
    [link] = LINKED.findall(body)
    assert urlsplit(link).path == f"/status/{case.status_token}"
    assert body.endswith("。如有疑问请回复。")
    page = client.get(urlsplit(link).path, headers=BROWSER)
    assert page.status_code == 200


@pytest.mark.parametrize("after", AFTER)
def test_a_letter_parts_the_link_from_what_follows(
    served: tuple[httpx.Client, Desk, Case], after: str
) -> None:
    _, _, case = served
    fields = template_fields(case, status_url="https://shop.example/status/{token}")
    text = Template.compile(f"进度：{{case.status_url}}{after}").render(fields)
    assert text == f"进度：https://shop.example/status/{case.status_token} {after}"


@pytest.mark.parametrize(
    "after", ["", " 谢谢", "\n谢谢", "?lang=zh", "#offers", "&from=mail", ">", "> 谢谢"]
)
def test_what_goes_on_with_the_link_or_after_a_blank_is_written_as_it_is(
    served: tuple[httpx.Client, Desk, Case], after: str
) -> None:
    _, _, case = served
    fields = template_fields(case, status_url="https://shop.example/status/{token}")
    text = Template.compile(f"{{case.status_url}}{after}").render(fields)
    assert text == f"https://shop.example/status/{case.status_token}{after}"


def test_a_language_asked_for_before_the_punctuation_is_kept(
    served: tuple[httpx.Client, Desk, Case],
) -> None:
    """The policy's ``status_url`` may end in ``?lang=en``: the full stop follows that."""
    client, _, case = served
    page = client.get(
        f"/status/{case.status_token}?lang=en{quote('。')}", headers=BROWSER, follow_redirects=True
    )
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
