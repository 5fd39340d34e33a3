"""A status token wrapped over two lines was published whole: a reply quoting our letter
with the status link broken where the customer's mail program wrapped it ("> …?t=abcd"
then "> efgh…"), a flowed line's soft break ("abcd " then "efgh…"), a quoted-printable
soft break quoted raw ("abcd=" then "efgh…"). Each was looked for as one run of a
token's characters on one line, so the reply's stored event, the events feed and the
outbox carried the two halves — which joined open the case's status page. A token is now
also looked for across such a break, the halves cut as one; text that only joins to a
token's length (an order number wrapped) is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.delivery.published import TokenCut
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement:
    en: {subject: "We received your complaint", body: "Thank you. Track it: {case.status_url}"}
notifications:
  status_url: https://shop.example/track?t={token}
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 25}}
    ops: {type: webhook, options: {url: "http://127.0.0.1:9/hook", secret: 7d1f0c9e-webhook-key}}
  publish: [ops]
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)


def letter(sender: str, number: int, text: str, answers: str = "") -> bytes:
    replying = f"In-Reply-To: {answers}\n" if answers else ""
    return (
        f"From: {sender}\nTo: care@shop.example\nSubject: Re: fridge\n"
        f"Date: Mon, 23 Nov 2026 09:0{number}:00 +0800\nMessage-ID: <m{number}@example.cn>\n"
        f"{replying}Content-Type: text/plain; charset=utf-8\n\n{text}\n"
    ).encode()


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


def opened(desk: Desk) -> tuple[Case, str]:
    """A case and the Message-ID of its acknowledgement."""
    case = desk.intake(parse_mail(letter("wang@example.cn", 1, "The fridge does not cool.")))
    (sent,) = [d for d in desk.storage.deliveries() if d.outgoing.kind == "message"]
    return case, f"<{sent.outgoing.delivery_id}@shop.example>"


def wrapped(token: str, at: int) -> list[str]:
    link = "https://shop.example/track?t="
    return [
        f"> Thank you. Track it: {link}{token[:at]}\n> {token[at:]}",  # quoted, wrapped
        f"> Thank you. Track it: {link}{token[:at]}\n> > {token[at:]}?lang=en",  # nested
        f"Track it: {link}{token[:at]} \n{token[at:]}",  # format=flowed's soft break
        f"> Track it: {link}{token[:at]}=\n> {token[at:]}",  # quoted-printable quoted raw
        f"> Track it: {link}{token[:at]} \r\n>  {token[at:]}\r\n> Thanks",
    ]


def published(desk: Desk) -> str:
    cut = TokenCut(desk.storage)
    feed = [cut.published(e) for e in desk.storage.events_since(None, 1000).events]
    outbox = [d.outgoing.payload for d in desk.storage.deliveries() if d.outgoing.kind == "event"]
    return json.dumps([feed, outbox], ensure_ascii=False)


@pytest.mark.parametrize("at", [6, 11, 16])  # halves too long to be found by chance
def test_a_wrapped_token_in_a_reply_is_cut(desk: Desk, at: int) -> None:
    case, answers = opened(desk)
    for number, quoted in enumerate(wrapped(case.status_token, at), start=2):
        text = f"Still warm.\n\n{quoted}"
        assert (
            desk.intake(parse_mail(letter("wang@example.cn", number, text, answers))).id == case.id
        )
    added = [e for e in desk.history(case.id) if e.kind == "complaint_added"]
    assert len(added) == 5
    stored = json.dumps([e.to_json() for e in added])
    assert case.status_token[:at] not in stored
    assert case.status_token[at:] not in stored
    assert all("Still warm." in e.data["complaint"]["text"] for e in added)
    text = published(desk)
    assert case.status_token[:at] not in text
    assert case.status_token[at:] not in text


@pytest.mark.parametrize("at", [6, 11, 16])
def test_a_wrapped_token_pasted_in_another_complaint_is_cut(desk: Desk, at: int) -> None:
    case, _ = opened(desk)
    for number, quoted in enumerate(wrapped(case.status_token, at), start=2):
        desk.intake(parse_mail(letter(f"li{number}@example.cn", number, f"Same here.\n{quoted}")))
    assert len(desk.find()) == 6
    text = published(desk)
    assert case.status_token[:at] not in text
    assert case.status_token[at:] not in text
    assert text.count("track?t=\u2026") == 10  # in the feed and in the outbox


def test_text_that_only_joins_to_a_tokens_length_is_kept(desk: Desk) -> None:
    opened(desk)
    order = "> My order is ORD-2026-11\n> 23-000123456 and it came late."
    other = desk.intake(parse_mail(letter("li@example.cn", 2, order)))
    assert other.complaints[0].text == order
    text = published(desk)
    assert "ORD-2026-11\\n> 23-000123456" in text


def test_a_token_wrapped_after_thousands_of_short_lines_is_cut(desk: Desk) -> None:
    """Each run of a long wrapped stretch is joined with the runs after it only as far as a
    token's length: a reply of 24,000 one-letter quoted lines (each run copied the rest of
    the stretch before, some 15 s of work an event) is published with its token cut."""
    case, _ = opened(desk)
    token = case.status_token
    text = "> a\n" * 24_000 + f"> {token[:11]}\n> {token[11:]}\n"
    desk.intake(parse_mail(letter("li@example.cn", 2, text)))
    published_text = published(desk)
    assert token[:11] not in published_text
    assert token[11:] not in published_text
    assert published_text.count("> a\\n") == 48_000  # the feed's and the outbox's, all kept
