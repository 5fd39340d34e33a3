"""A remedy amount edited in the SQLite store to text no amount is (``abc``, ``NaN``,
``1e999999999``) never reaches a letter nor raises a traceback: reading the case refuses it
as a damaged record naming the field, and the store keeps it for ``audit verify``."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from test_letter_money_to_customer import complaint, policy

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.model.money import Money

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _desk(folder: Path) -> Desk:
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy(None), allow_unicode=True), encoding="utf-8")
    return Desk(path, storage=f"sqlite:///{folder / 'cases.db'}", clock=ManualClock(NOW))


def _edit(db: Path, case_id: str, old: str, new: str) -> None:
    """Every stored ``old`` amount of the case row replaced by ``new``, as a hand edit."""
    with closing(sqlite3.connect(db)) as con:
        (body,) = con.execute("select body from cases where id = ?", (case_id,)).fetchone()
        assert json.dumps(old) in body
        edited = body.replace(json.dumps(old), json.dumps(new))
        con.execute("update cases set body = ? where id = ?", (edited, case_id))
        con.commit()


@pytest.mark.parametrize("bad", ["abc", "NaN", "1e999999999", "-5", "", "1e-999999999"])
def test_an_edited_remedy_amount_is_a_damaged_record_naming_the_field(
    tmp_path: Path, bad: str
) -> None:
    d = _desk(tmp_path)
    case = d.intake(complaint(1))
    d.propose_compensation(case.id, {"voucher": Money("80", "CNY")}, actor="li.na")
    d.offer_compensation(case.id, "comp-1", actor="li.na")
    d.storage.close()
    _edit(tmp_path / "cases.db", case.id, "80.00", bad)
    d = _desk(tmp_path)
    sent = len(list(d.storage.deliveries()))
    with pytest.raises(DamagedRecord, match=r"compensation\[0\]\.decision\.") as info:
        d.get(case.id)
    assert case.id in str(info.value)
    with pytest.raises(DamagedRecord):
        d.respond(case.id, "news", actor="li.na")
    assert len(list(d.storage.deliveries())) == sent  # no letter with the edited amount
    d.storage.close()
