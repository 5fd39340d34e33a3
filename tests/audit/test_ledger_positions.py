"""A ledger entry moved to position 0 or below is named as such, and the gap it leaves
is the gap it leaves: the audit said "entries 1 to -4 are missing before it" and then
"entries -2 to 1 are missing" for the entry after it."""

from __future__ import annotations

import pytest
import tampering
from tampering import Tables, audit, run

store = tampering.store
url = tampering.url


@pytest.mark.parametrize("position", [0, -3])
def test_an_entry_moved_below_one_is_named_and_the_gap_counted_from_one(
    store: tuple[str, list[str], Tables], position: int
) -> None:
    url, _, t = store
    t.execute("UPDATE ledger SET id = ? WHERE id = 1", position)
    code, findings = audit(url)
    assert code == 1
    problems = {(f["ledger_id"], f["problem"]) for f in findings if f["code"] == "ledger"}
    assert (position, f"stored at position {position}: entries are numbered from 1") in problems
    assert (2, "entry 1 is missing before it") in problems
    assert not any(" to -" in p or "to 0 " in p for _, p in problems), problems


def test_the_summary_counts_the_entries_not_the_highest_position(
    store: tuple[str, list[str], Tables],
) -> None:
    url, _, t = store
    ((count, highest),) = t.execute("SELECT count(*), max(id) FROM ledger")
    t.execute("UPDATE ledger SET id = 1000 WHERE id = ?", highest)
    result = run("--db", url, "audit", "verify")
    assert result.exit_code == 1
    summary = result.output.splitlines()[-1]
    assert f"ledger of {count} entr" in summary, summary
    assert "position 1000" in summary, summary
