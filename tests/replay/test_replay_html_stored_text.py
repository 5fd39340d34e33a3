"""The replay page shows stored text as the terminal does: a bidi override or a control
character in an owner typed by hand, a reason or a damaged case's problem is shown escaped.

``replay`` text output escapes them (``visible.shown``) but the ``--html`` page wrote them
as they were: an owner ``\\u202eanil`` (U+202E, right-to-left override) was drawn "lina",
the name of another agent, in the table of cases that change.
"""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit.replay.comparison import ChangedCase, Comparison
from complaintkit.replay.render import render_html, render_text
from complaintkit.replay.run import Replay

OVERRIDE = "\u202eanil"
AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _replay() -> Replay:
    comparison = Comparison(cases=2, changed=1)
    comparison.listed.append(ChangedCase("CK-1", [f"owner {OVERRIDE} → li.na"]))
    return Replay(
        comparison,
        AT,
        rejected=[("cases.jsonl:3", f"owner: {OVERRIDE}\x1b[2J is not a member")],
        damaged=[("CK-2", f"cases.body holds '{OVERRIDE}\x07'")],
    )


def test_controls_in_stored_text_are_shown_escaped() -> None:
    page = render_html(_replay())
    for raw in ("\u202e", "\x1b", "\x07"):
        assert raw not in page
    assert "\\u202eanil" in page
    assert "\\u202eanil" in render_text(_replay())  # as the text output shows it
