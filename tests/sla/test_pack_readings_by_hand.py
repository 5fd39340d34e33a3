"""The readings docs/sla.md says the regulatory packs choose, on the dates it gives, each
counted by hand on a wall calendar from the regulation's words and the published holidays
(China's 2026 notice: 春节 15-23 February with make-up Saturdays 14 and 28 February)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"


def _due(pack: str, received: str, metric: str) -> str | None:
    clock = ManualClock(datetime.fromisoformat(received))
    desk = Desk(load_policy(REGULATORY / pack), storage="memory:", clock=clock)
    complaint = {
        "channel": "web",
        "external_id": "reading-1",
        "received_at": received,
        "customer": {"id": "c-1"},
        "text": "退款没有到账",
    }
    state = desk.get(desk.intake(complaint).id).clocks.metrics[metric]
    return None if state.due_at is None else state.due_at.isoformat()


@pytest.mark.parametrize(
    ("pack", "received", "metric", "due"),
    [
        # 23:30 Fri in New York is 12:30 Sat 14 Feb in Shanghai, a make-up day at lunch:
        # 24, 25, 26, 27 Feb, Sat 28 (5), 2 Mar (6), 3 Mar (7), to the close
        (
            "samr-complaints.yaml",
            "2026-02-13T23:30:00-05:00",
            "acceptance",
            "2026-03-03T04:30:00-05:00",
        ),
        # 23:59 Fri in Shanghai: Friday is the day of receipt; Sat 14 (1), 24-28 (2-6), 2 Mar (7)
        (
            "samr-complaints.yaml",
            "2026-02-13T23:59:00+08:00",
            "acceptance",
            "2026-03-02T17:30:00+08:00",
        ),
        # DISP 1.5.1: the third business day following Monday, whatever the hour
        (
            "fca-disp.yaml",
            "2026-11-23T17:30:00+00:00",
            "summary_resolution",
            "2026-11-26T17:00:00+00:00",
        ),
        # reg. 101: 15 business days after Fri 27 Nov: 30 Nov-4 Dec, 7-11, 14-18 Dec
        (
            "psd2-art101.yaml",
            "2026-11-27T16:59:00+00:00",
            "resolution",
            "2026-12-19T00:00:00+00:00",
        ),
        # at the close: received Mon 30 Nov, so 1-4 Dec, 7-11, 14-18, Mon 21 Dec
        (
            "psd2-art101.yaml",
            "2026-11-27T17:00:00+00:00",
            "resolution",
            "2026-12-22T00:00:00+00:00",
        ),
        # Cap. 1 s. 71: seven days after Sat 3 Jan is Sat 10 Jan, no general holiday
        (
            "hkma-complaints.yaml",
            "2026-01-03T10:00:00+08:00",
            "first_response",
            "2026-01-11T00:00:00+08:00",
        ),
        # RG 271: one business day, to its end: Mon 2 Feb, not 24 hours (Sat 31 Jan 10:00)
        (
            "asic-rg271.yaml",
            "2026-01-30T10:00:00+11:00",
            "first_response",
            "2026-02-03T00:00:00+11:00",
        ),
    ],
)
def test_the_readings_the_docs_give(pack: str, received: str, metric: str, due: str) -> None:
    assert _due(pack, received, metric) == due
