"""A reply, update, resolution or reopening reason that draws nothing is refused.

A Hangul filler (U+3164, the "blank name" trick of chat apps), its half-width and jamo
forms, the combining grapheme joiner and the variation selectors are letters or marks to
Python but Unicode's default-ignorable characters: no font draws them. A response made of
them stopped the first-response clock and showed the customer an empty message, as a blank
one would; a reason made of them explained nothing to an auditor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case

#: Characters that draw nothing but are no white space and no format character.
DRAW_NOTHING = "\u115f\u1160\u3164\uffa0\u034f\ufe0f\ufe00\U000e0100"

blank_looking = (
    st.lists(
        st.sampled_from([*DRAW_NOTHING, " ", "\u3000", "\u200b", "\n"]), min_size=1, max_size=8
    )
    .map("".join)
    .filter(lambda text: any(char in DRAW_NOTHING for char in text))
)


def desk_with_case(path: Path) -> tuple[Desk, str]:
    desk = Desk(
        storage=f"sqlite:///{path}", clock=ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC))
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "blank-1",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": "c1"},
            "text": "面包里有异物",
        }
    )
    return desk, case.id


STEPS: dict[str, tuple[str, Callable[[Desk, str, str], Case]]] = {
    "respond": ("message", lambda d, i, t: d.respond(i, t, actor="li.na")),
    "update": ("message", lambda d, i, t: d.update(i, t, actor="li.na")),
    "note": ("text", lambda d, i, t: d.note(i, t, actor="li.na")),
    "resolve": ("resolution", lambda d, i, t: d.resolve(i, t, actor="li.na")),
}


@pytest.mark.parametrize("step", sorted(STEPS))
@settings(max_examples=8, deadline=None)
@given(text=blank_looking)
def test_a_text_drawing_nothing_is_refused_and_nothing_is_stored(
    tmp_path_factory: pytest.TempPathFactory, step: str, text: str
) -> None:
    desk, case_id = desk_with_case(tmp_path_factory.mktemp("store") / "cases.db")
    field, take = STEPS[step]
    before = desk.get(case_id)
    with pytest.raises(InvalidInput) as info:
        take(desk, case_id, text)
    assert info.value.field == field
    after = desk.get(case_id)
    assert (after.version, after.status) == (before.version, before.status)
    assert after.first_response_at is None


@settings(max_examples=8, deadline=None)
@given(text=blank_looking)
def test_a_reopening_reason_drawing_nothing_is_refused(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    desk, case_id = desk_with_case(tmp_path_factory.mktemp("store") / "cases.db")
    desk.respond(case_id, "非常抱歉,我们马上核查。", actor="li.na")
    desk.resolve(case_id, "已退款", actor="li.na")
    closed = desk.close(case_id, actor="li.na")
    with pytest.raises(InvalidInput) as info:
        desk.reopen(case_id, actor="li.na", reason=text)
    assert info.value.field == "reason"
    assert desk.get(case_id).version == closed.version


def test_a_text_with_a_filler_beside_words_is_kept_as_written(tmp_path: Path) -> None:
    """Only text of nothing but such characters is refused: a reply that says something
    keeps them, as typed."""
    desk, case_id = desk_with_case(tmp_path / "cases.db")
    text = "\u3164已退款\ufe0f"
    desk.respond(case_id, text, actor="li.na")
    assert desk.history(case_id)[-2].data["message"] == text
