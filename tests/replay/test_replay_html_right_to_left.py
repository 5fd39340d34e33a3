"""A name or reason in Arabic or Hebrew reads right to left in the replay page's tables.

The report's cells take their direction from their first strong letter; the replay page's
were left to right, so a rejected record's reason "בעלים לא ידוע (3)" drew its brackets on
the wrong sides. Every cell and heading now takes its own (``dir="auto"``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit.replay.comparison import ChangedCase, Comparison
from complaintkit.replay.render import render_html
from complaintkit.replay.run import Replay
from text_direction import directions

HEBREW = "בעלים לא ידוע (3)"
ARABIC = "مالك غير معروف (3)"


def test_every_cell_takes_its_own_direction() -> None:
    comparison = Comparison(cases=2, changed=1)
    comparison.listed.append(ChangedCase("CK-1", ["severity low → high"]))
    replay = Replay(
        comparison,
        datetime(2026, 11, 23, 2, 0, tzinfo=UTC),
        rejected=[("cases.jsonl:3", HEBREW)],
        damaged=[("CK-2", ARABIC)],
    )
    shown = directions(render_html(replay))
    assert shown[HEBREW] == "auto"
    assert shown[ARABIC] == "auto"
    assert shown["severity low → high"] == "auto"  # a Latin text: left to right all the same
