"""Cap. 1 s. 71(1)(b): a last day that is a gale or black rainstorm warning day moves to
the next day that is not one, as past a general holiday. The operator records the day in
the HK calendar's ``holidays`` once the Observatory declares it (8 September 2023, a black
rainstorm until 15:15), in a new policy version: with ``rebase_keep_elapsed`` the open
cases' deadlines move at its first tick (docs/sla.md), without it they run on as planned."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from opened import OPENED

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "hkma-complaints.yaml"
HK = ZoneInfo("Asia/Hong_Kong")
RECORDED = 'calendars:\n  hk: {holidays: ["2023-09-08"]}\n'
MIGRATE = 'sla:\n  migrate: {mode: rebase_keep_elapsed, from: ["1"]}\n'


def _policy(tmp_path: Path, version: str, extra: str = "") -> Path:
    path = tmp_path / f"bank-{version}.yaml"
    text = f'complaintkit: 1\nname: bank\nversion: "{version}"\nextends: {PACK}\n{extra}'
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("extra", "due"),
    [
        (RECORDED + MIGRATE, datetime(2023, 9, 10, tzinfo=HK)),
        (RECORDED, datetime(2023, 9, 9, tzinfo=HK)),
    ],
)
def test_a_warning_day_recorded_later_moves_an_open_cases_last_day(
    tmp_path: Path, extra: str, due: datetime
) -> None:
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(datetime(2023, 9, 1, 2, tzinfo=UTC))
    before = Desk(load_policy(_policy(tmp_path, "1")), storage=store, clock=clock)
    complaint = {
        "channel": "web",
        "external_id": "m-1",
        "customer": {"id": "C-1"},
        "received_at": "2023-09-01T10:00:00+08:00",
        "text": "A fee charged twice",
    }
    OPENED.append(before.storage)
    case_id = before.intake(complaint).id
    assert before.get(case_id).clocks.metrics["first_response"].due_at == datetime(
        2023, 9, 9, tzinfo=HK
    )
    clock = ManualClock(datetime(2023, 9, 8, 8, tzinfo=UTC))  # 16:00 on the day
    after = Desk(load_policy(_policy(tmp_path, "2", extra)), storage=store, clock=clock)
    OPENED.append(after.storage)
    after.tick()
    assert after.get(case_id).clocks.metrics["first_response"].due_at == due
