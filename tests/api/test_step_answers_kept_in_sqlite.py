"""A step sent with an ``Idempotency-Key`` is recorded once on a SQLite store however it is
sent again: after ``serve`` restarted, to a second ``serve`` on the same file, at once.
The key of another body is refused, naming it; a key past ``KEPT_FOR`` acts again. Before,
the keys were kept in the server's memory: a restarted server recorded the step twice."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings

from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing import step_retry_contract as contract


def _store(folder: Path) -> contract.OpenStore:
    url = f"sqlite:///{folder / 'cases.db'}"
    return lambda: SQLiteStorage(url)


def test_a_retry_after_a_restart_gets_the_first_answer(tmp_path: Path) -> None:
    contract.check_a_retry_after_a_restart_gets_the_first_answer(_store(tmp_path))


def test_the_key_of_another_body_is_refused_naming_it(tmp_path: Path) -> None:
    contract.check_the_key_of_another_body_is_refused(_store(tmp_path))


def test_a_key_kept_a_day_to_the_second_then_acts_again(tmp_path: Path) -> None:
    contract.check_an_expired_key_acts_again(_store(tmp_path))


def test_two_servers_sent_a_key_at_once_record_it_once(tmp_path: Path) -> None:
    contract.check_servers_sent_a_key_at_once_record_it_once(_store(tmp_path))


@settings(max_examples=25, deadline=None)
@given(moves=contract.moves())
def test_any_run_of_sends_and_restarts_records_each_key_once(moves: list[contract.Move]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        contract.check_a_run_of_sends_and_restarts(_store(Path(folder)), moves)
