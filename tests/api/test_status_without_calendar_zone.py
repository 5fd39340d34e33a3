"""A policy without a calendar of its own (its clocks on the built-in 24x7, which keeps
UTC): the status page and its JSON give the customer's times in the offset the complaint
was received in, as the letters do, not UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
HOURS = """
sla:
  targets:
    - first_response: 24 hours
      resolution: 72 hours
"""


@pytest.mark.parametrize("sla", [HOURS, ""], ids=["hours", "no-sla"])
def test_the_status_page_tells_times_in_the_received_offset(tmp_path: Path, sla: str) -> None:
    (tmp_path / "policy.yaml").write_text(f"complaintkit: 1\nextends: {BASE}\n{sla}", "utf-8")
    received = datetime.fromisoformat("2026-12-01T09:00:00+08:00")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=ManualClock(received.astimezone(UTC)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "sh-1",
            "received_at": received.isoformat(),
            "customer": {"id": "c1"},
            "text": "charged twice",
            "language": "en",
        }
    )
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        status = client.get(f"/status/{case.status_token}", headers={"accept": "application/json"})
        page = client.get(f"/status/{case.status_token}?lang=en", headers={"accept": "text/html"})
    view = status.json()
    assert view["opened_at"] == "2026-12-01T09:00:00+08:00"
    if sla:
        assert view["promised"] == {
            "first_response": "2026-12-02T09:00:00+08:00",
            "resolution": "2026-12-04T09:00:00+08:00",
        }
        shown = re.search(r'id="resolution-due">([^<]*)<', page.text)
        assert shown is not None
        assert "09:00" in shown.group(1)
    assert "09:00" in page.text
    assert "01:00" not in page.text
