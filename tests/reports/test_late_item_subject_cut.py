"""A late case without a subject is named by its text's first characters, cut between whole
characters as a reader sees them, and the cut is marked.

The report's late and open items (``late`` in ``--json``, the text and HTML tables) name a
case without a subject by its text's first 40 code points: an emoji family or a flag
across the 40th was cut in half (a dangling joiner, a letter in a box), and nothing said the
text went on. The cut falls between grapheme clusters, as the status page's heading does,
and ends in "…" when the text is longer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports.workload import open_items
from complaintkit.storage.base import CaseQuery

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # seven code points
FLAG = "\U0001f1e8\U0001f1f3"


def _named(text: str) -> str:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(
        {
            "channel": "web",
            "external_id": "n-1",
            "received_at": T0.isoformat(),
            "customer": {"id": "c-1"},
            "text": text,
        }
    )
    [item] = open_items(desk.storage.find(CaseQuery()), T0 + timedelta(days=30))
    return item.subject


def test_an_emoji_family_across_the_cut_is_left_out_whole() -> None:
    assert _named("x" * 36 + FAMILY + " is unhappy") == "x" * 36 + "…"


def test_a_flag_across_the_cut_is_left_out_whole() -> None:
    assert _named("x" * 39 + FLAG + " 的快递") == "x" * 39 + "…"


def test_a_text_that_fits_is_whole_and_a_longer_one_says_it_goes_on() -> None:
    assert _named("短" * 40) == "短" * 40
    assert _named("长" * 41) == "长" * 40 + "…"
