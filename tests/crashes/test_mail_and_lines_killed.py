"""An mbox and a JSON-lines file holding poison among good records, taken in by intakes
SIGKILLed at their commits in turn and then run to their end: each record is one case or
one dead letter, as in a run never killed."""

from __future__ import annotations

from pathlib import Path

import killed_runs
import pytest

from complaintkit.testing.poison import POISON_LINES, POISON_MAILS, good_line, good_mail

BATCH = {"CK_BATCH": "3"}
GOOD = 6


def mbox(path: Path) -> Path:
    poison = list(POISON_MAILS.values())[:3]
    mails = [good_mail(n) for n in range(GOOD)] + poison + [good_mail(0)]  # and a repeat
    path.write_bytes(
        b"".join(b"From c@example.com Mon Nov 23 09:00:00 2026\n" + m + b"\n" for m in mails)
    )
    return path


def lines(path: Path) -> Path:
    poison = list(POISON_LINES.values())[:3]
    written = [good_line(n) for n in range(GOOD)] + poison + [good_line(0)]
    path.write_bytes(b"".join(line.rstrip(b"\n") + b"\n" for line in written))
    return path


SOURCES = {"email": mbox, "jsonl": lines}


@pytest.mark.parametrize(("channel", "when"), [("email", "before"), ("jsonl", "after")])
def test_poison_among_good_records_killed_at_each_commit_ends_as_never_killed(
    tmp_path: Path, channel: str, when: str
) -> None:
    source = SOURCES[channel](tmp_path / f"in.{'mbox' if channel == 'email' else 'jsonl'}")

    def intake(db: str) -> list[str]:
        return ["--db", db, "intake", "--channel", channel, str(source)]

    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    commits = killed_runs.transactions(intake(reference), tmp_path, BATCH)
    expected = killed_runs.stored(reference)
    assert (len(expected[0]), len(expected[1])) == (GOOD, 3)
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    assert killed_runs.killed_in_turn(intake(db), when, commits + 1, BATCH) > 0
    again = killed_runs.run(intake(db), BATCH)
    assert again.returncode == 3, again.stderr
    assert killed_runs.stored(db) == expected
    killed_runs.verified(db)
