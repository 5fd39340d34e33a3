"""The ASIC pack picks RG 271's period from a complaint's attributes, which a form, a CSV
export or an agent writes as it pleases: ``Hardship``, ``hardship notice``, ``default
notice`` with a space, ``Superannuation``, ``trustee company``. Read only as
``hardship`` or ``trustee_company`` exactly, a hardship notice got the ordinary 30 days,
its reply due six days after RG 271's 21 days had run out, and a superannuation complaint
30 days instead of 45."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

ASIC = load_policy(Path(__file__).parents[2] / "policies" / "regulatory" / "asic-rg271.yaml")
RECEIVED = "2026-04-04T10:00:00+11:00"  # Saturday before Easter Sunday's change of clocks
#: day 21 is Saturday 25 April, Anzac Day, with Monday 27 April off: Tuesday 28 April
TWENTY_ONE_DAYS = datetime.fromisoformat("2026-04-29T00:00:00+10:00")
#: day 45 is Tuesday 19 May, a working day
FORTY_FIVE_DAYS = datetime.fromisoformat("2026-05-20T00:00:00+10:00")
#: day 30 is Monday 4 May, a working day
THIRTY_DAYS = datetime.fromisoformat("2026-05-05T00:00:00+10:00")


def resolution_due(**attributes: object) -> datetime | None:
    desk = Desk(ASIC, storage="memory:", clock=ManualClock(datetime.fromisoformat(RECEIVED)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "asic-1",
            "received_at": RECEIVED,
            "customer": {"id": "c-1"},
            "text": "my hardship notice was ignored",
            "attributes": attributes,
        }
    )
    return case.clocks.metrics["resolution"].due_at


@pytest.mark.parametrize(
    "written",
    [
        "hardship",
        "Hardship",
        " hardship ",
        "hardship notice",
        "Hardship_Notice",
        "default notice",
        "Default-Notice",
        "DEFAULT_NOTICE",
        "postponement",
        "postponement request",
    ],
)
def test_a_credit_matter_however_written_has_21_days(written: str) -> None:
    assert resolution_due(credit_matter=written) == TWENTY_ONE_DAYS


@pytest.mark.parametrize(
    "written", ["superannuation", "Superannuation", "super", "trustee company", "Trustee_Company"]
)
def test_a_superannuation_or_trustee_sector_however_written_has_45_days(written: str) -> None:
    assert resolution_due(sector=written) == FORTY_FIVE_DAYS


@pytest.mark.parametrize(
    ("attributes"),
    [{"credit_matter": "none"}, {"credit_matter": False}, {"sector": "banking"}, {}],
)
def test_other_complaints_have_30_days(attributes: dict[str, object]) -> None:
    assert resolution_due(**attributes) == THIRTY_DAYS
