"""Values at the edges of what the CLI and the Desk take: refused with the option or field
named, never a traceback, never a setting that quietly lets anyone in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
ROOT = Path(__file__).parents[2]
PSD2 = str(ROOT / "policies" / "regulatory" / "psd2-art101.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(CLI, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("secret", ["", "short"])
def test_a_signing_secret_anyone_could_guess_is_refused(secret: str) -> None:
    code, output = run("serve", "--secret", secret, "--port", "0")
    assert code == 2
    assert "--secret" in output
    with pytest.raises(ConfigError, match="secret"):
        create_app(Desk(), secret=secret)


@pytest.mark.parametrize("interval", ["nan", "inf", "1e308", "-1"])
@pytest.mark.parametrize("command", ["tick", "deliver"])
def test_a_loop_interval_that_is_no_number_of_seconds_is_a_usage_error(
    command: str, interval: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    code, output = run("--db", db, command, "--loop", "--interval", interval)
    assert code == 2
    assert "--interval" in output


@pytest.mark.parametrize("interval", ["1e400", "-1e400", "1E999"])
@pytest.mark.parametrize("command", ["tick", "deliver"])
def test_an_interval_too_large_for_a_float_is_named_as_typed(
    command: str, interval: str, tmp_path: Path
) -> None:
    """``1e400`` reads as infinity: the error says what was typed, not "inf"."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    code, output = run("--db", db, command, "--loop", "--interval", interval)
    assert code == 2
    assert repr(interval) in output
    assert "inf" not in output.lower().replace(interval.lower(), "")


@pytest.mark.parametrize(
    ("url", "exit_code"),
    [("sqlite://[", 2), ("postgresql://u@[::1/x", 2), ("sqlite:////dev/null", 2)],
)
def test_a_database_url_that_cannot_be_opened_is_one_line(url: str, exit_code: int) -> None:
    """No URL at all is a usage error of --db, and so is a path that is no regular file
    (/dev/null, as a folder or a FIFO: tests/storage/test_store_not_a_regular_file.py)."""
    code, output = run("--db", url, "cases", "list")
    assert code == exit_code
    assert output.startswith("Error: ")
    assert len(output.strip().splitlines()) == 1


def test_an_instant_no_deadline_can_be_worked_out_from_is_a_usage_error(tmp_path: Path) -> None:
    complaint = make_complaint("x").to_json()
    (tmp_path / "c.json").write_text(json.dumps(complaint), encoding="utf-8")
    far = "holding_reply@9999-12-31T23:59:59-12:00"
    code, output = run("explain", PSD2, str(tmp_path / "c.json"), "--record", far)
    assert code == 2
    assert "--record" in output
    db = f"sqlite:///{tmp_path / 'c.db'}"
    case = Desk(storage=db).intake(make_complaint("y"))
    code, output = run(
        "--db", db, "--policy", PSD2, "cases", "explain", case.id, "--at", "9999-12-31T23:59:59Z"
    )
    assert code == 2
    assert "--at" in output


@pytest.mark.parametrize(
    "args",
    [
        ("tick", "--now", ""),
        ("report", "--since", ""),
        ("cases", "explain", "x", "--at", ""),
    ],
)
def test_an_empty_instant_is_a_usage_error_not_now(args: tuple[str, ...], tmp_path: Path) -> None:
    """An unset shell variable (``--now "$AT"``) names no instant: ticking at the real
    now instead would fire what a replay of the past meant to leave alone."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    code, output = run("--db", db, *args)
    assert code == 2
    assert args[args.index("") - 1] in output


def test_an_empty_response_or_note_and_a_nameless_owner_are_refused_by_field() -> None:
    desk = Desk()
    case = desk.intake(make_complaint("a"))
    before = desk.history(case.id)
    changes: list[tuple[Callable[[], object], str]] = [
        (lambda: desk.respond(case.id, "", actor="li.na"), "message"),
        (lambda: desk.update(case.id, "  ", actor="li.na"), "message"),
        (lambda: desk.note(case.id, "\n", actor="li.na"), "text"),
        (lambda: desk.assign(case.id, "", actor="li.na"), "owner"),
    ]
    for change, field in changes:
        with pytest.raises(InvalidInput) as refused:
            change()
        assert refused.value.field == field
    assert desk.history(case.id) == before  # nothing recorded, no clock stopped
    assert desk.get(case.id).first_response_at is None


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--since", "yesterday"),
        ("report", "--until", "1800-01-01T00:00:00Z"),
        ("replay", PSD2, "--since", "nope"),
        ("replay", PSD2, "--at", "9999-12-31T00:00:00Z"),
    ],
)
def test_an_instant_option_that_is_no_instant_is_a_usage_error(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    code, output = run("--db", f"sqlite:///{tmp_path / 'c.db'}", *args)
    assert code == 2
    assert f"--{args[-2].lstrip('-')}" in output


@pytest.mark.parametrize("command", [("report",), ("replay", PSD2)], ids=["report", "replay"])
@pytest.mark.parametrize("until", ["2026-12-01T00:00:00+08:00", "2026-12-02T00:00:00+08:00"])
def test_an_until_not_after_since_is_a_usage_error_naming_the_option(
    command: tuple[str, ...], until: str, tmp_path: Path
) -> None:
    """As any other bad value of an option: exit 2 naming ``--until``, not the field ``until``
    with the exit code of a failed run."""
    SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}").close()
    since = "2026-12-02T00:00:00+08:00"
    args = (*command, "--since", since, "--until", until)
    code, output = run("--db", f"sqlite:///{tmp_path / 'c.db'}", *args)
    assert code == 2
    assert "'--until'" in output
    assert f"after --since ({since})" in output


def test_showing_a_dead_letter_that_is_not_there_names_its_argument(tmp_path: Path) -> None:
    SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}").close()
    code, output = run("--db", f"sqlite:///{tmp_path / 'c.db'}", "dead-letters", "show", "999")
    assert code == 2
    assert "LETTER_ID" in output
    assert "IDS" not in output


def test_an_event_recorded_before_the_complaint_was_received_is_a_usage_error(
    tmp_path: Path,
) -> None:
    complaint = make_complaint("x")  # received 2026-11-23T09:00:00+00:00
    (tmp_path / "c.json").write_text(json.dumps(complaint.to_json()), encoding="utf-8")
    early = "holding_reply@2020-01-01T10:00:00Z"
    code, output = run("explain", PSD2, str(tmp_path / "c.json"), "--record", early)
    assert code == 2
    assert "before the complaint was received" in output


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_case_list_limit_that_is_no_count_is_refused_naming_the_option(
    limit: str, tmp_path: Path
) -> None:  # a huge one lists every case, as the store is asked at most 2**63 - 1
    code, output = run("--db", f"sqlite:///{tmp_path / 'c.db'}", "cases", "list", "--limit", limit)
    assert code == 2
    assert "--limit" in output


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["replay", str(ROOT / "src/complaintkit/demo/policy.yaml")],
        ["audit", "verify"],
        ["cases", "list"],
        ["cases", "show", "CK-1"],
        ["dead-letters", "list"],
        ["outbox"],
    ],
)
def test_a_command_that_reads_a_store_refuses_a_database_that_is_not_there(
    command: list[str], tmp_path: Path
) -> None:
    """A misspelt --db made an empty store and reported nothing, exit 0."""
    missing = tmp_path / "cases.db"
    code, output = run("--db", f"sqlite:///{missing}", *command)
    assert code == 2  # a usage error of --db
    assert "no database" in output
    assert str(missing) in output
    assert not missing.exists()
