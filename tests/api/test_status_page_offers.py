"""What was offered to the customer shows on their status page, as they should see it: each
offer's remedies, amounts in the page's language, and where the offer stands (waiting for
their answer, accepted, declined, lapsed with the case). A proposal not yet offered, one an
approver rejected, who proposed or approved it and why never show."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
PROPOSER, APPROVER = "staff.wen", "boss.qian"
INTERNAL_NOTE = "内部备注 over budget"
VOUCHER_LABEL = {"zh": "购物券", "en": "shopping voucher"}


def write_policy(folder: Path) -> Path:
    policy = {
        "complaintkit": 1,
        "name": "offers",
        "version": "1",
        "categories": {"goods": {"label": {"zh": "商品", "en": "Goods"}}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "desk"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {
                            "kind": "voucher",
                            "label": VOUCHER_LABEL,
                            "amount": {"percent": 100, "of": "voucher"},
                        },
                        "replacement",
                    ],
                }
            ],
            "approvals": [{"above": 2000, "role": "supervisor"}],
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    clock = ManualClock(T0)
    desk = Desk(write_policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def open_case(desk: Desk, n: int = 1) -> tuple[str, str]:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": f"o-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"c-{n}", "contact": f"c{n}@example.com"},
            "text": "买的电水壶漏水",
            "language": "zh",
        }
    )
    return case.id, case.status_token


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def view(client: httpx.Client, token: str) -> dict[str, Any]:
    answer = client.get(f"/status/{token}", headers=JSON)
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


def page(client: httpx.Client, token: str, lang: str) -> str:
    answer = client.get(f"/status/{token}?lang={lang}", headers=HTML)
    assert answer.status_code == 200
    return text_of(answer.text)


def offer(desk: Desk, case_id: str, amount: str = "1234.5") -> None:
    desk.propose_compensation(case_id, {"voucher": Money(amount, "CNY")}, actor=PROPOSER)
    desk.offer_compensation(case_id, f"comp-{len(desk.get(case_id).compensation)}", actor=PROPOSER)


def advance(desk: Desk, hours: int) -> None:
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(hours=hours))


def close(desk: Desk, case_id: str) -> None:
    desk.transition(case_id, "investigating", actor=PROPOSER)
    desk.resolve(case_id, "已换新", actor=PROPOSER)
    desk.transition(case_id, "closed", actor=PROPOSER)


Step = Callable[[Desk, str], object]
STATES: dict[str, Step] = {
    "offered": lambda d, c: None,
    "accepted": lambda d, c: d.accept_compensation(c, "comp-1", actor="customer"),
    "declined": lambda d, c: d.decline_compensation(c, "comp-1", actor="customer"),
    "lapsed": close,
}
#: How each state reads on the page, in Chinese and in English.
WORDS: dict[str, tuple[str, str]] = {
    "offered": ("等待您的答复", "waiting for your answer"),
    "accepted": ("您已接受", "You accepted"),
    "declined": ("您已拒绝", "You declined"),
    "lapsed": ("已失效", "lapsed"),
}


@pytest.mark.parametrize("state", sorted(STATES))
def test_an_offer_shows_with_its_remedies_amount_and_state(
    served: tuple[httpx.Client, Desk], state: str
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    assert view(client, token)["compensation"] == []
    offer(desk, case_id)
    advance(desk, hours=2)
    STATES[state](desk, case_id)

    shown = view(client, token)["compensation"]
    answered = "2026-11-23T11:00:00+08:00" if state in ("accepted", "declined") else None
    assert shown == [
        {
            "id": "comp-1",
            "status": state,
            "offered_at": "2026-11-23T09:00:00+08:00",
            "answered_at": answered,
            "remedies": [
                {
                    "kind": "voucher",
                    "label": VOUCHER_LABEL,
                    "amount": {"amount": "1234.50", "currency": "CNY"},
                },
                {"kind": "replacement", "label": {}, "amount": None},
            ],
            "total": {"amount": "1234.50", "currency": "CNY"},
        }
    ]
    chinese, english = page(client, token, "zh"), page(client, token, "en")
    assert "购物券 1,234.50 元" in chinese
    assert "换货" in chinese
    assert WORDS[state][0] in chinese
    assert "shopping voucher CNY 1,234.50" in english
    assert "replacement" in english
    assert WORDS[state][1] in english
    for other in set(WORDS) - {state}:
        assert WORDS[other][0] not in chinese
        assert WORDS[other][1] not in english


def test_a_proposal_not_offered_and_one_rejected_never_show(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    desk.propose_compensation(case_id, {"voucher": Money("3000", "CNY")}, actor=PROPOSER)
    desk.reject_compensation(
        case_id, "comp-1", role="supervisor", actor=APPROVER, reason=INTERNAL_NOTE
    )
    desk.propose_compensation(case_id, {"voucher": Money("2500", "CNY")}, actor=PROPOSER)
    desk.approve_compensation(case_id, "comp-2", role="supervisor", actor=APPROVER)
    desk.propose_compensation(case_id, {"voucher": Money("2400", "CNY")}, actor=PROPOSER)
    assert [e["status"] for e in desk.get(case_id).compensation] == [
        "rejected",
        "approved",
        "proposed",
    ]
    assert view(client, token)["compensation"] == []
    for lang in ("zh", "en"):
        shown = page(client, token, lang)
        for secret in ("3,000", "2,500", "2,400", "3000", "2500", "2400", "购物券", "voucher"):
            assert secret not in shown
        for secret in (PROPOSER, APPROVER, INTERNAL_NOTE, "supervisor"):
            assert secret not in shown


def test_only_the_offered_one_of_several_proposals_shows(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    desk.propose_compensation(case_id, {"voucher": Money("3000", "CNY")}, actor=PROPOSER)
    offer(desk, case_id, "80")
    shown = view(client, token)["compensation"]
    assert [(o["status"], o["total"]["amount"]) for o in shown] == [("offered", "80.00")]
    assert "3,000" not in page(client, token, "zh")


def test_a_reopened_case_offer_stands_again(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer(desk, case_id, "80")
    close(desk, case_id)
    assert view(client, token)["compensation"][0]["status"] == "lapsed"
    desk.transition(case_id, "reopened", actor=PROPOSER, reason="顾客来电")
    assert view(client, token)["compensation"][0]["status"] == "offered"
    assert "等待您的答复" in page(client, token, "zh")


def test_an_offer_or_answer_is_a_change_the_customer_sees(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    advance(desk, hours=1)
    desk.propose_compensation(case_id, {"voucher": Money("3000", "CNY")}, actor=PROPOSER)
    assert view(client, token)["updated_at"] == "2026-11-23T09:00:00+08:00"  # not offered
    offer(desk, case_id, "80")
    assert view(client, token)["updated_at"] == "2026-11-23T10:00:00+08:00"
    advance(desk, hours=1)
    desk.accept_compensation(case_id, "comp-2", actor="customer")
    assert view(client, token)["updated_at"] == "2026-11-23T11:00:00+08:00"


def test_the_documented_offer_is_what_the_json_gives(served: tuple[httpx.Client, Desk]) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "closing-the-loop.md"
    section = docs.read_text("utf-8").split("### What the customer was offered", 1)[1]
    documented = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    client, desk = served
    case_id, token = open_case(desk)
    offer(desk, case_id)
    assert view(client, token)["compensation"] == [documented]
