"""A dead letter's reason is read for its cause in one pass, whatever text it quotes.

The report and ``dead-letters count`` write a reason's keys, dates and mailboxes as ``…``
(``reports.refused.reason_of``). Their searches began anew at every quote and every
character of a word: on a reason quoting a receiver's answer of escaped quotes
(``'\\'\\'…``) or a 100,000-letter word, each began a quote or a mailbox read on to the end,
and ``dead-letters count`` on one such letter took minutes (40 s for a word of 100,000
letters, 6 s for 20,000 escaped quotes). A quote now opens only where no backslash escapes
it, and a mailbox only where its word begins; what they find is as before.
"""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.reports.refused import reason_of
from complaintkit.storage.sqlite import SQLiteStorage

#: Text a receiver or a sender may put in a reason, but for a backslash at its end (which
#: would escape the quote after it).
NOISE = st.text(alphabet="'\"\\@ x1-:(),年", max_size=60).filter(lambda t: not t.endswith("\\"))


@given(NOISE, st.text(max_size=30), NOISE)
def test_a_reused_key_is_hidden_among_any_quotes(before: str, key: str, after: str) -> None:
    reason = f"{before} external_id: {key!r} on channel 'web' is reused with different content"
    assert "external_id: '…' on channel 'web' is reused with different content" in reason_of(
        f"{reason} {after}"
    )


@given(NOISE, st.text(alphabet="abc.-_", min_size=1, max_size=12), NOISE)
def test_a_mailbox_is_hidden_among_any_words(before: str, mailbox: str, after: str) -> None:
    reason = f"{before} 550 <{mailbox}@example.cn>: user unknown {after}"
    assert "<…@example.cn>: user unknown" in reason_of(reason)


def test_dead_letters_count_reads_a_reason_of_escaped_quotes(tmp_path: object) -> None:
    db = f"sqlite:///{tmp_path}/store.db"
    reason = "gave up after 8 attempt(s): 500 " + "'\\" * 100_000 + " and " + "x" * 100_000
    with SQLiteStorage(db) as storage:
        storage.dead_letter("notify:hook", b"{}", reason, datetime(2026, 11, 2, tzinfo=UTC))
    counted = CliRunner().invoke(build_cli(), ["--db", db, "dead-letters", "count"])
    assert counted.exit_code == 0, counted.output
    assert "more characters" in counted.output
