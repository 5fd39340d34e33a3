"""The acknowledgement limit counts a mailbox, not a spelling of it: a tag after ``+``
(``wang+1@…``, RFC 5233 sub-addressing, which the big mail providers deliver to wang's
own mailbox) or a domain written in punycode or with its root dot reaches the same person,
so a script cannot send a stranger an acknowledgement per tag it makes up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.ack_limit import mailbox
from complaintkit.api.app import create_app
from complaintkit.api.form_complaint import customer_id
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from complaintkit.testing.server import running_server
from loopback import loopback_client

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement:
    zh: {subject: "您的投诉 {case.id} 已受理", body: "我们已收到。"}
notifications:
  notifiers: {log: {type: log}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: acknowledgement}
"""
)
START = datetime(2026, 12, 3, 2, tzinfo=UTC)


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(
        load_policy(path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(START)
    )
    app = create_app(desk, form_acknowledgements=2, form_acknowledgement_period=timedelta(hours=1))
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def acknowledged(desk: Desk) -> int:
    return sum(d.outgoing.payload["role"] == "customer" for d in desk.storage.deliveries("pending"))


def test_tags_after_a_plus_share_the_mailboxs_allowance(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    typed = [f"wang+{n}@example.cn" for n in range(6)] + ["Wang+Shop@Example.CN", "wang@example.cn"]
    for number, contact in enumerate(typed):
        answer = client.post("/", data={"text": f"第{number}次投诉", "contact": contact})
        assert answer.status_code == 303
    assert len(desk.find()) == len(typed)  # every complaint is kept
    assert acknowledged(desk) == 2


def test_unsigned_json_complaints_count_against_the_mailbox_too(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    contacts = ["li+1@example.cn", "A <li@example.cn>", "B <li@example.cn>", "李 <li+2@example.cn>"]
    for number, contact in enumerate(contacts):
        complaint = {
            "external_id": f"j-{number}",
            "customer": {"id": f"c-{number}", "contact": contact},
            "text": "快递丢了",
        }
        assert client.post("/complaints", json=complaint).status_code in (200, 201)
    assert acknowledged(desk) == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("wang+a@example.cn", "wang@example.cn"),
        ("WANG+a+b@EXAMPLE.CN", "wang@example.cn"),
        ("wang@example.cn.", "wang@example.cn"),
        ("用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("王 <wang+x@example.cn>", "wang@example.cn"),
        ('"Li" <WANG@example.cn>', "wang@example.cn"),
        ("wang@example.cn (Wang)", "wang@example.cn"),
    ],
)
def test_one_mailbox_however_it_is_written(one: str, other: str) -> None:
    assert mailbox(one) == mailbox(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("wang@example.cn", "li@example.cn"),
        ("+wang@example.cn", "+li@example.cn"),
        ("kunde@stra\u00dfe.de", "kunde@strasse.de"),  # IDNA 2008, as letters are sent
    ],
)
def test_other_mailboxes_count_apart(one: str, other: str) -> None:
    assert mailbox(one) != mailbox(other)


@given(
    name=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    tag=st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
)
def test_the_customer_is_still_who_typed_the_address(name: str, tag: str) -> None:
    """Only the count is per mailbox: the customer id stays the address as typed, so two
    tagged addresses of one person are not merged into one customer's history."""
    tagged, plain = f"{name}+{tag}@example.cn", f"{name}@example.cn"
    assert mailbox(tagged) == mailbox(plain)
    assert customer_id(tagged, "s") != customer_id(plain, "s")
