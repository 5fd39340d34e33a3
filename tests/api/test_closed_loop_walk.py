"""Two customers live the whole loop, one in Chinese over HTTP and one in English by e-mail,
through a real SMTP server and the HTTP app under uvicorn: one acknowledgement each, to
their own address, with their deadline and its offset and their own status link; answers,
an offer made by an agent over HTTP, a counter-ask by e-mail reply the agent records as
declined, a better offer accepted on the status page (twice: one answer), the follow-up
and the close, whose letter names the money accepted in the reader's grouping; a reply
after the close lands on the closed case, a colleague's reply to the letter opens nothing,
and neither status link shows the other customer's case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.channels.mail_message import parse_mail
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.testing.server import running_server
from loopback import loopback_client
from smtp_inbox import ParsedInbox, receiving

AGENT = "li.na-token-0123456789"
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
POLICY = """\
complaintkit: 1
name: loop
version: "1"
categories: {goods: {label: {zh: 商品, en: Goods}}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: care}}
calendars: {office: {timezone: Asia/Shanghai, hours: 24x7}}
sla: {calendar: office, targets: [{first_response: 48h, resolution: 240h}]}
gates: [{id: follow-up-first, to: [closed], require: [satisfaction]}]
compensation:
  currency: CNY
  rules:
    - id: goodwill
      remedies: [{kind: voucher, label: {zh: 购物券, en: voucher}, amount: {percent: 100, of: voucher}}]
templates:
  ack:
    zh: {subject: "投诉 {case.id} 已受理", body: "将在 {case.first_response_due} 前答复。{case.status_url}"}
    en: {subject: "Complaint {case.id} received", body: "We answer by {case.first_response_due}. {case.status_url}"}
  offer:
    zh: {subject: "补偿 {case.id}", body: "合计 {case.compensation_total}"}
    en: {subject: "Offer {case.id}", body: "Total {case.compensation_total}"}
  closed:
    zh: {subject: "结案 {case.id}", body: "合计 {case.compensation_total}"}
    en: {subject: "Closed {case.id}", body: "Total {case.compensation_total}"}
notifications:
  status_url: "http://127.0.0.1/status/{token}"
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
    - {"on": compensation_offered, notify: [customer], via: mail, template: offer}
    - {"on": transitioned, to: closed, notify: [customer], via: mail, template: closed}
"""


Loop = tuple[Desk, httpx.Client, ParsedInbox, ManualClock]


@pytest.fixture(name="loop")
def loop_fixture(tmp_path: Path) -> Iterator[Loop]:
    with receiving(ParsedInbox()) as (mailbox, port):
        (tmp_path / "p.yaml").write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
        clock = ManualClock(T0)
        desk = Desk(tmp_path / "p.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
        app = create_app(desk, agent_tokens={AGENT: "li.na"})
        headers = {"Authorization": f"Bearer {AGENT}"}
        with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
            yield desk, client, mailbox, clock


def letters(desk: Desk, mailbox: ParsedInbox) -> list[EmailMessage]:
    desk.deliver()
    sent, mailbox.received = mailbox.received, []
    return sent


def body(letter: EmailMessage) -> str:
    part = letter.get_body(("plain",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content()).rstrip("\n")


def reply(sender: str, letter: EmailMessage, number: int, text: str) -> bytes:
    answers = str(letter["Message-ID"])
    return (
        f"From: {sender}\nTo: care@shop.example\nSubject: Re: {letter['Subject']}\n"
        f"Date: Mon, 23 Nov 2026 12:00:00 +0800\nMessage-ID: <walk{number}@example.org>\n"
        f"In-Reply-To: {answers}\nReferences: {answers}\n\n{text}\n"
    ).encode()


def step(client: httpx.Client, case_id: str, name: str, data: dict[str, object]) -> None:
    sent = client.post(f"/cases/{case_id}/{name}", json=data)
    assert sent.status_code == 200, sent.text


def test_two_customers_live_the_whole_loop(loop: Loop) -> None:
    desk, client, mailbox, clock = loop
    taken = client.post(
        "/complaints",
        json={
            "external_id": "W-1",
            "customer": {"id": "C-1", "name": "王芳", "contact": "Wang.Fang@Example.CN"},
            "text": "冰箱买来就不制冷",
            "received_at": "2026-11-23T09:00:00+08:00",
        },
    ).json()
    wang, wang_token = taken["case_id"], taken["status_url"].rsplit("/", 1)[1]
    sam_case = desk.intake(
        parse_mail(
            b"From: Sam Lee <sam@example.org>\nTo: care@shop.example\nSubject: Kettle\n"
            b"Date: Mon, 23 Nov 2026 09:00:00 +0800\nMessage-ID: <sam1@example.org>\n\n"
            b"The kettle I bought leaks.\n"
        )
    )
    sam, sam_token = sam_case.id, sam_case.status_token
    acks = {str(m["To"]).lower(): m for m in letters(desk, mailbox)}
    assert sorted(acks) == ["sam@example.org", "wang.fang@example.cn"]
    assert body(acks["wang.fang@example.cn"]) == (
        f"将在 2026-11-25 09:00 +08:00 前答复。http://127.0.0.1/status/{wang_token}"
    )
    assert body(acks["sam@example.org"]) == (
        f"We answer by 2026-11-25 09:00 +08:00. http://127.0.0.1/status/{sam_token}"
    )
    assert {to: str(m["Subject"]) for to, m in acks.items()} == {
        "wang.fang@example.cn": f"投诉 {wang} 已受理",
        "sam@example.org": f"Complaint {sam} received",
    }

    for case_id, amount in ((wang, "1234.5"), (sam, "80")):
        step(client, case_id, "respond", {"message": "Sorry / 抱歉"})
        voucher = {"amount": amount, "currency": "CNY"}
        step(client, case_id, "compensation", {"facts": {"voucher": voucher}})
        step(client, case_id, "offer", {"id": "comp-1"})
    offers = {str(m["To"]).lower(): m for m in letters(desk, mailbox)}
    assert body(offers["wang.fang@example.cn"]) == "合计 1,234.50 CNY"
    assert body(offers["sam@example.org"]) == "Total 80.00 CNY"

    clock.advance(timedelta(hours=3))
    sam_offer = offers["sam@example.org"]
    answered = desk.intake(parse_mail(reply("sam@example.org", sam_offer, 1, "80 is too little.")))
    assert answered.id == sam
    with pytest.raises(InvalidInput, match="reply from staff"):
        desk.intake(parse_mail(reply("li.na@shop.example", sam_offer, 2, "I will call him.")))
    step(client, sam, "decline", {"id": "comp-1", "reason": "asked for more by e-mail"})
    step(client, sam, "compensation", {"facts": {"voucher": {"amount": "150", "currency": "CNY"}}})
    step(client, sam, "offer", {"id": "comp-2"})
    for token, offer in ((wang_token, "comp-1"), (sam_token, "comp-2")):
        first = client.post(f"/status/{token}/offers/{offer}", json={"answer": "accept"})
        again = client.post(f"/status/{token}/offers/{offer}", json={"answer": "accept"})
        assert (first.json()["changed"], again.json()["changed"]) == (True, False)
    sam_page = client.get(f"/status/{sam_token}").json()
    assert [(o["id"], o["status"]) for o in sam_page["compensation"]] == [
        ("comp-1", "declined"),
        ("comp-2", "accepted"),
    ]

    for case_id in (wang, sam):
        step(client, case_id, "resolve", {"resolution": "Replaced / 已换新"})
        step(client, case_id, "follow-up", {"score": 5})
        step(client, case_id, "close", {"reason": "done"})
    closing = {str(m["To"]).lower(): m for m in letters(desk, mailbox)}
    assert body(closing["wang.fang@example.cn"]) == "合计 1,234.50 CNY"
    assert body(closing["sam@example.org"]) == "Total 150.00 CNY"

    late = reply("Sam Lee <SAM@Example.org>", closing["sam@example.org"], 3, "It leaks again.")
    assert desk.intake(parse_mail(late)).id == sam
    assert desk.get(sam).status.value == "closed"
    assert [c.text for c in desk.get(sam).complaints][-1] == "It leaks again."
    assert len(desk.find()) == 2
    for token, case_id in ((wang_token, wang), (sam_token, sam)):
        page = client.get(f"/status/{token}", headers={"Accept": "text/html"}).text
        other = sam if case_id == wang else wang
        assert case_id in page
        assert other not in page
