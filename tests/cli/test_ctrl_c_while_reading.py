"""Ctrl-C (or SIGTERM) in a command that only reads the store says nothing was changed:
``report``, ``cases list`` and ``replay`` said "each change committed before it is kept and
none is half-made; run the command again to finish", as if they had been changing cases
and some of that work were left undone. A command that changes cases still says that."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli.context import App
from complaintkit.cli.ctrl_c import Terminated
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

POLICY = str(Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml")
READING = (
    ["report"],
    ["report", "--json"],
    ["cases", "list"],
    ["cases", "show", "CASE"],
    ["replay", POLICY],
    ["audit", "verify"],
    ["outbox"],
    ["dead-letters", "list"],
)


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("CTRL1"))
    desk.storage.close()
    return url


def pressed_once_open(
    monkeypatch: pytest.MonkeyPatch, key: type[KeyboardInterrupt] = KeyboardInterrupt
) -> None:
    """Ctrl-C (``key``) right after the command opened the store."""
    opened: Callable[..., Desk] = App.desk

    def desk(app: App, **how: Any) -> Desk:
        opened(app, **how)
        raise key

    monkeypatch.setattr(App, "desk", desk)


def run(store: str, args: list[str]) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, ["--db", store, *args])


@pytest.mark.parametrize("args", READING, ids=lambda args: " ".join(Path(a).name for a in args))
def test_ctrl_c_in_a_reading_command_says_nothing_was_changed(
    store: str, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    pressed_once_open(monkeypatch)
    result = run(store, args)
    assert result.exit_code == 130, result.output
    said = json.loads(result.stdout)["error"]["message"] if "--json" in args else result.stderr
    assert "interrupted (Ctrl-C): " in said
    assert "nothing was changed" in said
    assert "change committed" not in said


def test_sigterm_in_a_reading_command_says_nothing_was_changed(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pressed_once_open(monkeypatch, Terminated)
    result = run(store, ["report"])
    assert result.exit_code == 143, result.output
    assert result.stderr.startswith("Error: stopped (SIGTERM): ")
    assert "nothing was changed" in result.stderr


def test_ctrl_c_in_a_changing_command_says_what_was_committed_is_kept(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pressed_once_open(monkeypatch)
    result = run(store, ["cases", "note", "--actor", "li", "CASE", "called back"])
    assert result.exit_code == 130, result.output
    assert "each change committed before it is kept" in result.stderr
    assert "nothing was changed" not in result.stderr


#: Commands that read files alone, and what each runs when Ctrl-C comes.
READING_FILES = (
    (["replay", POLICY, "--baseline", POLICY, "COMPLAINTS"], "complaintkit.cli.replay.replay_file"),
    (["validate", POLICY], "complaintkit.cli.policy._problems"),
    (["explain", POLICY, "COMPLAINT"], "complaintkit.cli.policy.explain_complaint"),
    (["calendar", "show", "CN", "--year", "2026"], "complaintkit.cli.calendar.year_report"),
)


@pytest.mark.parametrize(("args", "pressed_in"), READING_FILES, ids=lambda v: str(v).split(".")[-1])
def test_ctrl_c_in_a_command_reading_files_says_nothing_was_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], pressed_in: str
) -> None:
    def pressed(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(pressed_in, pressed)
    complaint = tmp_path / "complaint.json"
    complaint.write_text(
        '{"channel": "web", "external_id": "W-1", "customer": {"id": "c1"},'
        ' "received_at": "2026-11-23T09:00:00+08:00", "text": "快递三天没到"}\n',
        encoding="utf-8",
    )
    files = {"COMPLAINTS": str(complaint), "COMPLAINT": str(complaint)}
    result = run(f"sqlite:///{tmp_path / 'none.db'}", [files.get(a, a) for a in args])
    assert result.exit_code == 130, result.output
    assert result.stderr.startswith("Error: interrupted (Ctrl-C): "), result.stderr
    assert "nothing was changed" in result.stderr
