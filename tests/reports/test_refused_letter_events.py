"""A letter with no address to go to is kept as a dead letter naming its case and the
event it was for (``no address for the customer of case CK-… (template 'reply' on
responded (event 3), via mail)``). The report wrote the case ``CK-…`` but kept the event's
number: customers without an address answered after one more step or one fewer were rows
of their own, for one cause, where ``dead-letters count`` counts one. The number is now
written ``…`` too, so they are one row; ``dead-letters list`` still shows each."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = MINIMAL_POLICY + (
    "templates:\n"
    '  reply: {en: {subject: "About {case.id}", body: "We answered."}}\n'
    "notifications:\n"
    "  notifiers:\n"
    "    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 9}}\n"
    "  rules:\n"
    '    - {"on": responded, notify: [customer], via: mail, template: reply}\n'
)


def test_letters_without_an_address_are_one_row_whatever_their_event(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    desk = Desk(tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    for notes in range(3):  # each answered after another number of internal notes
        case = desk.intake(
            {
                "channel": "phone",
                "external_id": f"P-{notes}",
                "received_at": "2026-12-03T09:30:00+08:00",
                "customer": {"id": f"c-{notes}"},
                "text": "The parcel is lost",
                "language": "en",
            }
        )
        for _ in range(notes):
            desk.note(case.id, "called the courier", actor="li.na")
        desk.respond(case.id, "We are tracing it.", actor="li.na")
    letters = desk.storage.dead_letters()
    assert len({letter.reason for letter in letters}) == 3  # each names its own event
    with closing(open_source(desk.storage)) as source:
        counted = build_report(source, now=clock.now()).undelivered
    desk.storage.close()
    assert list(counted.values()) == [3]
    (reason,) = counted
    assert "on responded (event …)" in reason
