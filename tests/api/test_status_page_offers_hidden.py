"""Whatever steps the compensation of a case goes through, its status page (JSON and HTML,
zh and en) shows only offers, in a state the customer may see, and never a proposal not
offered, its amount, who proposed, approved or rejected it, nor why."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import CaseEnded, IllegalTransition, InvalidInput, StepsMissing
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PROPOSER, APPROVER, NOTE = "staff.wen", "boss.qian", "内部备注 over budget"
#: The n-th proposal's voucher: each told apart from every other, some above the threshold.
AMOUNTS = ("2345.67", "87.13", "3456.78", "1234.56", "4567.89", "613.21", "2222.22", "99.99")
SHOWN = {"offered", "accepted", "declined", "lapsed"}

POLICY = {
    "complaintkit": 1,
    "name": "offers-hidden",
    "version": "1",
    "categories": {"goods": {"label": "Goods"}},
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
        "approvals": [{"above": 2000, "role": "supervisor"}],
    },
}

Step = Callable[[Desk, str, int], object]


def _propose(desk: Desk, case_id: str, _: int) -> object:
    n = len(desk.get(case_id).compensation)
    facts = {"voucher": Money(AMOUNTS[n % len(AMOUNTS)], "CNY")}
    return desk.propose_compensation(case_id, facts, actor=PROPOSER, reason=NOTE)


def _end(desk: Desk, case_id: str, _: int) -> object:
    desk.transition(case_id, "investigating", actor=PROPOSER)
    desk.resolve(case_id, "已处理", actor=PROPOSER)
    return desk.transition(case_id, "closed", actor=PROPOSER, reason=NOTE)


STEPS: dict[str, Step] = {
    "propose": _propose,
    "approve": lambda d, c, i: d.approve_compensation(
        c, f"comp-{i}", role="supervisor", actor=APPROVER
    ),
    "reject": lambda d, c, i: d.reject_compensation(
        c, f"comp-{i}", role="supervisor", actor=APPROVER, reason=NOTE
    ),
    "offer": lambda d, c, i: d.offer_compensation(c, f"comp-{i}", actor=PROPOSER),
    "accept": lambda d, c, i: d.accept_compensation(c, f"comp-{i}", actor=APPROVER, reason=NOTE),
    "decline": lambda d, c, i: d.decline_compensation(c, f"comp-{i}", actor=APPROVER, reason=NOTE),
    "close": _end,
    "reopen": lambda d, c, _: d.transition(c, "reopened", actor=PROPOSER, reason=NOTE),
    "withdraw": lambda d, c, _: d.transition(c, "withdrawn", actor=PROPOSER, reason=NOTE),
}
steps = st.lists(
    st.tuples(st.sampled_from(sorted(STEPS)), st.integers(min_value=1, max_value=4)),
    max_size=10,
)


def _variants(amount: str) -> set[str]:
    whole, _, cents = amount.partition(".")
    return {amount, f"{int(whole):,}.{cents}"}


def test_no_internal_remedy_state_ever_shows(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY, allow_unicode=True), encoding="utf-8")
    desk = Desk(path, storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0))
    numbers = itertools.count()

    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:

        @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(steps)
        def check(plan: list[tuple[str, int]]) -> None:
            n = next(numbers)
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"h-{n}",
                    "received_at": T0.isoformat(),
                    "customer": {"id": f"c-{n}"},
                    "text": "漏水",
                }
            )
            for name, which in plan:
                try:
                    STEPS[name](desk, case.id, which)
                except (InvalidInput, IllegalTransition, CaseEnded, StepsMissing):
                    continue  # a step the workflow refuses changes nothing
                _check(client, desk, case.id, case.status_token)

        check()


def _check(client: httpx.Client, desk: Desk, case_id: str, token: str) -> None:
    entries = desk.get(case_id).compensation
    offered = [e for e in entries if e["offered_at"] is not None]
    answer = client.get(f"/status/{token}", headers={"Accept": "application/json"})
    shown = answer.json()["compensation"]
    assert {o["status"] for o in shown} <= SHOWN
    assert len(shown) == len(offered)
    pages = [answer.text] + [
        re.sub(
            r"<[^>]+>",
            " ",
            client.get(f"/status/{token}?lang={lang}", headers={"Accept": "text/html"}).text,
        )
        for lang in ("zh", "en")
    ]
    never = {e["decision"]["remedies"][0]["amount"]["amount"] for e in entries} - {
        e["decision"]["remedies"][0]["amount"]["amount"] for e in offered
    }
    for text in pages:
        for secret in (PROPOSER, APPROVER, NOTE, "supervisor", "approv", "propos"):
            assert secret not in text
        for amount in never:
            assert not any(v in text for v in _variants(amount))
