"""`cases show` prints what each person wrote on the case — a note's text, a response's
message — in its history line: the agent picking a case up from the terminal read only
that a note was made or the customer answered, never what it said."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.complaint import shows_nothing
from complaintkit.plugins import Plugins, plugin_manager

COMPLAINT = {
    "channel": "web",
    "external_id": "W-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "C-1"},
    "text": "牛奶过期了",
}


def _show(db: str, case_id: str) -> str:
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(command, ["--db", db, "cases", "show", case_id])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_note_and_a_response_are_shown_with_their_words(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=db)
    case = desk.intake(COMPLAINT)
    desk.note(case.id, "顾客说周三前要答复", actor="li.na")
    desk.respond(case.id, "您好,我们正在核查同批次商品。", actor="li.na")
    lines = _show(db, case.id).splitlines()
    (noted,) = [line for line in lines if " noted" in line]
    (responded,) = [line for line in lines if " responded" in line]
    assert noted.endswith(": 顾客说周三前要答复")
    assert responded.endswith(": 您好,我们正在核查同批次商品。")


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1))
def test_any_note_is_shown_on_its_own_line(
    tmp_path_factory: pytest.TempPathFactory, words: str
) -> None:
    assume(not shows_nothing(words))
    db = f"sqlite:///{tmp_path_factory.mktemp('said') / 'cases.db'}"
    desk = Desk(storage=db)
    case = desk.intake(COMPLAINT)
    desk.note(case.id, words, actor="li.na")
    lines = _show(db, case.id).splitlines()
    (noted,) = [line for line in lines if " noted" in line]
    assert noted.split(" noted", 1)[1].startswith(": ")
