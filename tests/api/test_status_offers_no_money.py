"""The status page leaves out a remedy of no money — one a cap, or what the case already
pays, cut to 0.00 — as it promises nothing; an offer of nothing else is no offer to the
customer: the page does not list it and answering it is a 404, as for a proposal not
offered. A remedy without an amount (an apology) is a promise and stays."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from complaintkit.api.offer_answers import Refused, record_answer
from complaintkit.api.offers import offers, offers_html
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.storage.memory import MemoryStorage


def complaint(n: int) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"Z-{n}",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": "c-1", "contact": "c1@example.com"},
        "text": "broken on arrival",
        "language": "en",
    }


def desk(folder: Path, apology: bool) -> Desk:
    remedies: list[Any] = [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}]
    if apology:
        remedies.append("apology")
    policy = {
        "complaintkit": 1,
        "name": "page",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [{"id": "goodwill", "remedies": remedies}],
            "caps": [{"limit": 100, "days": 90}],
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(path, storage=MemoryStorage(), clock=clock)


def capped_offer(d: Desk) -> str:
    """A second case's voucher offered after the first used the whole cap: 0.00 CNY."""
    first = d.intake(complaint(1))
    d.propose_compensation(first.id, {"voucher": Money("100", "CNY")}, actor="li.na")
    d.offer_compensation(first.id, "comp-1", actor="li.na")
    second = d.intake(complaint(2))
    d.propose_compensation(second.id, {"voucher": Money("60", "CNY")}, actor="li.na")
    d.offer_compensation(second.id, "comp-1", actor="li.na")
    voucher = d.get(second.id).compensation[-1]["decision"]["remedies"][0]
    assert voucher["amount"] == {"amount": "0.00", "currency": "CNY"}
    return second.id


def test_an_offer_with_an_apology_beside_a_voucher_cut_to_nothing_shows_the_apology(
    tmp_path: Path,
) -> None:
    d = desk(tmp_path, apology=True)
    case = d.get(capped_offer(d))
    [offer] = offers(case)
    assert offer["remedies"] == [{"kind": "apology", "label": {}, "amount": None}]
    assert offer["total"] is None
    page = offers_html(case, "zh", str)
    assert "0.00" not in page
    assert "\u4ee3\u91d1\u5238" not in page  # the voucher, in Chinese
    assert "\u81f4\u6b49" in page  # the apology


def test_an_offer_of_nothing_but_money_cut_to_nothing_is_not_on_the_page(tmp_path: Path) -> None:
    d = desk(tmp_path, apology=False)
    case = d.get(capped_offer(d))
    assert offers(case) == []
    assert offers_html(case, "en", str) == ""
    with pytest.raises(Refused) as refused:
        record_answer(d, case.status_token, "comp-1", "accept")
    assert refused.value.status == 404
    assert d.get(case.id).compensation[-1]["status"] == "offered"  # nothing recorded
