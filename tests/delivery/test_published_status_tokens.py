"""A customer pastes their status link where we never put it: the first case's link in
a second complaint ("see https://…/status/<token>"), in an internal note an agent copies
from a call, in a reply to another case. Only a reply quoting its own case's letter had
the token cut; everything else published the token — on GET /events and to every
publisher through the outbox — and whoever reads the feed could open the page and answer
the case's offers. Every event now leaves the store with any status token of a stored
case written ``…`` in its text; the stored event (and its hash) stays as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
POLICY = (
    MINIMAL_POLICY
    + """\
notifications:
  notifiers:
    ops: {type: webhook, options: {url: "http://127.0.0.1:9/hook", secret: 7d1f0c9e-webhook-key}}
  publish: [ops]
"""
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


@pytest.fixture(name="client")
def client_fixture(desk: Desk) -> Iterator[httpx.Client]:
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        yield client


def complaint(key: str, text: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c9", "contact": "wang@example.cn"},
        "text": text,
    }


def test_a_token_pasted_anywhere_is_cut_from_what_is_published(
    desk: Desk, client: httpx.Client
) -> None:
    first = desk.intake(complaint("a", "\u6d17\u8863\u673a\u6f0f\u6c34"))
    token = first.status_token
    link = f"https://shop.example/status/{token}?lang=zh"
    second = desk.intake(complaint("b", f"\u8fd8\u662f\u6ca1\u4fee\u597d, \u770b {link}"))
    desk.note(first.id, f"customer read out {token} on the phone", actor="li.na")
    feed = client.get("/events", params={"limit": 1000}).json()["events"]
    published = [d.outgoing.payload for d in desk.storage.deliveries()]
    for where in (feed, published):
        text = json.dumps(where, ensure_ascii=False)
        assert token not in text
        assert second.status_token not in text
        assert "https://shop.example/status/\u2026?lang=zh" in text
        assert "customer read out \u2026 on the phone" in text
    stored = json.dumps([e.to_json() for e in desk.history(second.id)], ensure_ascii=False)
    assert link in stored  # the store keeps what the customer wrote


def test_text_that_only_looks_like_a_token_is_published_as_written(
    desk: Desk, client: httpx.Client
) -> None:
    order = "SF1234567890abcdefGHIJ"  # a token's length and alphabet, no case's token
    case = desk.intake(complaint("a", f"\u8ba2\u5355 {order}"))
    feed = client.get("/events", params={"limit": 1000}).json()["events"]
    assert order in json.dumps(feed)
    assert case.status_token not in json.dumps(feed)
