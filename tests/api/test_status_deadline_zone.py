"""The customer's status JSON gives deadlines in their calendar's zone, as the page does."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
calendars:
  ny: {{timezone: America/New_York, hours: 24x7}}
sla:
  calendar: ny
  targets:
    - resolution: 60 calendar days
"""


def test_a_deadline_after_a_dst_change_is_promised_in_the_calendars_zone(
    tmp_path: Path,
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    received = datetime(2026, 10, 1, 12, tzinfo=UTC)  # 08:00 EDT, received in UTC
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "ny-1",
            "received_at": received.isoformat(),
            "customer": {"id": "c1"},
            "text": "charged twice",
        }
    )
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        status = client.get(f"/status/{case.status_token}", headers={"accept": "application/json"})
        page = client.get(f"/status/{case.status_token}", headers={"accept": "text/html"}).text
    # EST by then: the wall clock of New York, not the +00:00 the complaint came in with
    assert status.json()["promised"]["resolution"] == "2026-11-30T08:00:00-05:00"
    shown = re.search(r'id="resolution-due">([^<]*)<', page)
    assert shown is not None
    assert "08:00" in shown.group(1)
