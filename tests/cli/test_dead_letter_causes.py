"""``dead-letters count`` tallies letters by cause, so that one mistake made a thousand
times is one line. A letter whose reason names no field — an unsent letter ("no address for
the customer of case CK-…"), a delivery given up — was its own cause, because its reason
names its case and event: a thousand customers without a contact were a thousand lines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.dead_letters import reason_kind
from complaintkit.storage.base import DeadLetter
from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)


def unsent(case_id: str, seq: int) -> str:
    return (
        f"no address for the customer of case {case_id} (template 'answer' on responded "
        f"(event {seq}), via mail)"
    )


def letter(source: str, reason: str) -> DeadLetter:
    return DeadLetter(1, source, b"{}", reason, AT)


def test_unsent_letters_of_many_cases_are_one_cause() -> None:
    causes = {
        reason_kind(letter("notify:mail", unsent(case_id, seq)))
        for case_id, seq in [("CK-01KA0000000000000001", 3), ("CK-01KA00000000000000ZZ", 12)]
    }
    assert len(causes) == 1
    ((channel, source, cause),) = causes
    assert (channel, source) == (None, "notify")  # no channel: the source's kind
    assert "CK-01KA" not in cause


def test_other_causes_stay_apart() -> None:
    causes = {
        reason_kind(letter("notify:mail", unsent("CK-01KA0000000000000001", 3))),
        reason_kind(letter("notify:mail", "gave up after 8 attempt(s): smtp: 550 no such user")),
        reason_kind(letter("notify:mail", "gave up after 8 attempt(s): smtp: 421 try later")),
        reason_kind(letter("csv:rows.csv:3", "text: column 'narrative' is blank")),
        reason_kind(letter("csv:rows.csv:9", "received_at: is required")),
    }
    assert len(causes) == 5


def test_count_shows_them_on_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with SQLiteStorage(url) as storage:
        for n in range(30):
            storage.dead_letter(f"notify:mail:d{n}", b"{}", unsent(f"CK-01KA{n:016d}", n), AT)
    result = CliRunner().invoke(build_cli(), ["--db", url, "dead-letters", "count"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "30 dead letters"
    assert len(lines) == 2
    assert lines[0].split()[0] == "30"
