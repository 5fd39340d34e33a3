"""A period in seconds past what a ``timedelta`` holds (``--mail-acknowledgement-period
99999999999999999999``, a slip of the finger or a generated value) crashed ``intake``,
``dead-letters retry`` and ``serve`` with an ``OverflowError`` traceback. It is now a usage
error naming the option and the longest period there is (100 years); nothing is taken in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.cli.period_option import LONGEST_SECONDS
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.poison import good_mail

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COMMANDS = [
    ["intake", "--channel", "email", "MAIL", "--mail-acknowledgement-period"],
    ["dead-letters", "retry", "--all", "--mail-acknowledgement-period"],
    ["serve", "--port", "0", "--form-acknowledgement-period"],
]
too_long = st.integers(min_value=LONGEST_SECONDS + 1, max_value=10**60)


@pytest.fixture(name="store")
def a_store_and_a_mail(tmp_path: Path) -> tuple[str, Path]:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(db).close()
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(good_mail(1))
    return db, folder


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seconds=too_long)
def test_a_period_too_long_is_a_usage_error_naming_the_option(
    store: tuple[str, Path], command: list[str], seconds: int
) -> None:
    db, folder = store
    args = [str(folder) if arg == "MAIL" else arg for arg in command]
    result = CliRunner().invoke(CLI, ["--db", db, *args, str(seconds)])
    assert result.exit_code == 2, result.output
    assert command[-1] in result.output
    assert "100 years" in result.output
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []
        assert list(storage.case_ids()) == []


def test_the_longest_period_is_taken(store: tuple[str, Path]) -> None:
    db, folder = store
    period = ["--mail-acknowledgement-period", str(LONGEST_SECONDS)]
    result = CliRunner().invoke(
        CLI, ["--db", db, "intake", "--channel", "email", *period, str(folder)]
    )
    assert result.exit_code == 0, result.output
