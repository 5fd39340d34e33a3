"""A desk whose policy offers a goodwill voucher, served to one agent over HTTP: the
setting of the agent API's compensation-step tests (an answer recorded for the customer,
a step out of turn, an answer a plugin fails)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client
from vip_list import LADDER, VipList

AGENT = "li.na-token-0123456789"
POLICY = """\
complaintkit: 1
name: goodwill
version: "1"
categories: {goods: {label: Goods}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: desk}}
compensation:
  currency: CNY
  rules: [{id: goodwill, remedies: [{kind: voucher, amount: {percent: 100, of: voucher}}]}]
"""


def voucher_desk(folder: Path) -> Desk:
    """The desk, its SQLite store in ``folder``, its clock at 2026-11-23 09:00 Shanghai."""
    (folder / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    return Desk(folder / "policy.yaml", storage=f"sqlite:///{folder / 'c.db'}", clock=clock)


def asking(folder: Path, plugin: VipList) -> Desk:
    """The desk (:func:`voucher_desk`) with an escalation ladder that asks ``plugin``, read
    again at every change, an answer to an offer too."""
    plain = voucher_desk(folder)
    (folder / "policy.yaml").write_text(POLICY + LADDER, encoding="utf-8")
    return Desk(
        folder / "policy.yaml", storage=plain.storage, clock=plain.clock, plugins=plugin.plugins()
    )


@contextmanager
def agent_client(desk: Desk) -> Iterator[httpx.Client]:
    """An HTTP client of the desk's agent API, signed in as li.na."""
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        yield client


def offered(desk: Desk, number: int = 1, text: str = "The voucher is too little") -> Case:
    """A telephone complaint whose 80 CNY voucher (``comp-1``) is offered to the customer."""
    case = desk.intake(
        {
            "channel": "phone",
            "external_id": f"P-{number}",
            "customer": {"id": f"C-{number}", "contact": "+86 138 0000 0000"},
            "text": text,
            "received_at": "2026-11-23T09:00:00+08:00",
        }
    )
    desk.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    return desk.offer_compensation(case.id, "comp-1", actor="li.na")
