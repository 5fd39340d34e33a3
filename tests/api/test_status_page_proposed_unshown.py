"""A case set to "resolution proposed" asks its customer to look at the solution and say
whether they accept it. Where the page shows no solution — no answer sent to them, no offer
waiting for their answer (the proposal was made by phone, or not yet written) — it must not
point at one, as a case waiting on its customer with no message does not."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOW = datetime(2026, 12, 1, 3, 12, tzinfo=UTC)
HTML = {"Accept": "text/html"}
STAFF = "li.na"
POINTS_AT_IT = ("look at the solution we proposed", "查看我们提出的解决方案")


def policy(folder: Path) -> Path:
    data = {
        "complaintkit": 1,
        "name": "proposed",
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
                    "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
                }
            ],
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def proposed(tmp_path: Path, *, answered: bool = False, offered: bool = False) -> tuple[Desk, str]:
    desk = Desk(policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "p-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "电水壶漏水",
        }
    )
    desk.transition(case.id, "investigating", actor=STAFF)
    if answered:
        desk.respond(case.id, "我们建议为您换一台新的,您看可以吗?", actor=STAFF)
    if offered:
        desk.propose_compensation(case.id, {"voucher": Money("50", "CNY")}, actor=STAFF)
        desk.offer_compensation(case.id, "comp-1", actor=STAFF)
    desk.transition(case.id, "resolution_proposed", actor=STAFF)
    return desk, case.status_token


def next_step(desk: Desk, token: str, lang: str) -> str:
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        page = client.get(f"/status/{token}?lang={lang}", headers=HTML)
    assert page.status_code == 200
    found = re.search(r'id="next-step">(.*?)</p>', page.text, re.S)
    assert found is not None, page.text
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_proposal_the_page_does_not_show_is_not_pointed_at(tmp_path: Path, lang: str) -> None:
    desk, token = proposed(tmp_path)
    step = next_step(desk, token, lang)
    assert step.strip()
    assert not any(words in step for words in POINTS_AT_IT)


@pytest.mark.parametrize(("answered", "offered"), [(True, False), (False, True)])
def test_a_proposal_on_the_page_is_still_pointed_at(
    tmp_path: Path, answered: bool, offered: bool
) -> None:
    desk, token = proposed(tmp_path, answered=answered, offered=offered)
    assert POINTS_AT_IT[0] in next_step(desk, token, "en")
    assert POINTS_AT_IT[1] in next_step(desk, token, "zh")
