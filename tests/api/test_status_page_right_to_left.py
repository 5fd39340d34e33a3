"""What a customer or an agent wrote in Arabic or Hebrew reads right to left on the status page.

The page is ``lang="en"`` or ``zh-CN``, left to right, and each element's direction was the
page's: a subject "מוצר (12)" drew its brackets on the wrong sides ("12) מוצר(" read from
the right), an Arabic answer ending in "!" had it at its start. Every element holding
written text takes its direction from its first strong letter (``dir="auto"``), as a
message in a chat app does; the page's own words keep the page's direction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client
from text_direction import directions

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
SUBJECT = "מוצר (12) פגום"
ANSWER = "مرحبا، تم استرداد المبلغ (12.80)!"
RESOLUTION = "הוחזר הכסף (12.80)"


def test_written_text_takes_its_own_direction() -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=ManualClock(NOON))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "r-1",
            "customer": {"id": "c-1"},
            "received_at": NOON.isoformat(),
            "subject": SUBJECT,
            "text": "המוצר הגיע פגום",
        }
    )
    desk.respond(case.id, ANSWER, actor="li.na")
    desk.resolve(case.id, RESOLUTION, actor="li.na")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        page = client.get(f"/status/{case.status_token}?lang=en", headers={"Accept": "text/html"})
    shown = directions(page.text)
    assert {text: shown.get(text) for text in (SUBJECT, ANSWER, RESOLUTION)} == {
        SUBJECT: "auto",
        ANSWER: "auto",
        RESOLUTION: "auto",
    }
    assert shown["Your complaint"] is None  # the page's words: the page's direction
