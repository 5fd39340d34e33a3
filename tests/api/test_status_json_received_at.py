"""The status JSON says when the complaint was received, as the page does.

The page reads "收到时间 3月1日(周日) 00:30" — when the customer complained — but the JSON
gave only ``opened_at``, when the desk took the complaint in: for last week's e-mail or a
CSV export imported today, an app showing the JSON told the customer their complaint
arrived today, against the page and the letters. ``received_at`` is the complaint's
receipt, in the zone the view gives its other instants in.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.api.wording import plain_time
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
RECEIVED = datetime(2026, 2, 28, 16, 30, tzinfo=UTC)  # 00:30 on 1 March in Shanghai
TAKEN_IN = RECEIVED + timedelta(days=4)


def test_the_json_gives_the_receipt_the_page_shows(tmp_path: Path) -> None:
    desk = Desk(
        load_policy(RETAIL),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(TAKEN_IN),
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        case = desk.intake(
            {
                "channel": "email",
                "external_id": "m-1",
                "customer": {"id": "c-1", "contact": "wang@example.cn"},
                "received_at": RECEIVED.isoformat(),
                "text": "收银员态度很差",
            }
        )
        path = f"/status/{case.status_token}"
        view = client.get(path, headers={"Accept": "application/json"}).json()
        page = client.get(f"{path}?lang=zh", headers={"Accept": "text/html"}).text
    assert view["received_at"] == "2026-03-01T00:30:00+08:00"
    assert datetime.fromisoformat(view["opened_at"]) == TAKEN_IN
    shown = plain_time(datetime.fromisoformat(view["received_at"]), desk.zone, TAKEN_IN, "zh")
    assert re.search(rf"<dt>收到时间</dt><dd>{re.escape(shown)}</dd>", page)
