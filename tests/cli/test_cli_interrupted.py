"""Ctrl-C (SIGINT, a ``KeyboardInterrupt``) ends a one-shot command with one line saying
what became of the work and exit code 130, as shells report an interrupted program — it
ended in click's bare ``Aborted!`` and exit code 1, which a script cannot tell from a
failure. The worker loops (``tick --loop``, ``deliver --loop``) stop on Ctrl-C or SIGTERM
alike, with exit code 0 and a line saying so: ``tick --loop`` ended on Ctrl-C in
``Aborted!`` and exit 1, and SIGTERM killed it where ``deliver --loop`` stopped cleanly."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from complaintkit.channels import take_in
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = str(Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml")
#: Records the interrupted intake reads before Ctrl-C: one whole batch of 500 and part of
#: the next, which is not committed.
READ_BEFORE_CTRL_C = 700


def invoke(tmp_path: Path, *args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", POLICY]
    return CliRunner().invoke(cli, [*db, *args])


def complaints(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "in.jsonl"
    lines = (
        json.dumps(
            {
                "channel": "web",
                "external_id": f"W-{n}",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": f"C{n}"},
                "text": "快递三天没到",
            }
        )
        for n in range(count)
    )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def stored_cases(tmp_path: Path) -> int:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        return storage.count(CaseQuery())


@pytest.fixture
def ctrl_c_during_intake(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C pressed while the intake reads its ``READ_BEFORE_CTRL_C + 1``th record."""

    def pressed(records: Iterable[Any]) -> Iterator[Any]:
        for read, record in enumerate(records):
            if read == READ_BEFORE_CTRL_C:
                raise KeyboardInterrupt
            yield record

    def interrupted(desk: Desk, channel: str, records: Iterable[Any], **kwargs: Any) -> Any:
        return take_in(desk, channel, pressed(records), **kwargs)

    monkeypatch.setattr("complaintkit.cli.intake.take_in", interrupted)


@pytest.mark.usefixtures("ctrl_c_during_intake")
def test_an_interrupted_intake_keeps_its_committed_batches_and_says_so(tmp_path: Path) -> None:
    source = complaints(tmp_path, 1200)
    result = invoke(tmp_path, "intake", str(source))
    assert result.exit_code == 130, result.output
    assert "Aborted" not in result.output
    said, line = result.stderr.splitlines()
    assert line.startswith("Error: interrupted (Ctrl-C)"), line
    assert "kept" in line
    assert stored_cases(tmp_path) == 500
    assert said.startswith("before Ctrl-C: 500 taken in (500 new cases, "), said


@pytest.mark.usefixtures("ctrl_c_during_intake")
def test_an_interrupted_intake_with_json_prints_a_json_error(tmp_path: Path) -> None:
    source = complaints(tmp_path, 1200)
    result = invoke(tmp_path, "intake", str(source), "--json")
    assert result.exit_code == 130, result.output
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 130
    assert error["message"].startswith("interrupted (Ctrl-C)")


def test_an_interrupted_single_tick_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pressed(desk: Desk, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Desk, "tick", pressed)
    result = invoke(tmp_path, "tick")
    assert result.exit_code == 130, result.output
    assert result.stderr.startswith("Error: interrupted (Ctrl-C)")


def test_ctrl_c_stops_a_ticking_worker_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks: list[Any] = []
    tick = Desk.tick

    def counted(desk: Desk, *args: Any, **kwargs: Any) -> Any:
        if len(ticks) == 2:
            raise KeyboardInterrupt
        ticks.append(tick(desk, *args, **kwargs))
        return ticks[-1]

    monkeypatch.setattr(Desk, "tick", counted)
    result = invoke(tmp_path, "tick", "--loop", "--interval", "0.1")
    assert result.exit_code == 0, result.output
    assert len(ticks) == 2
    assert result.stderr.splitlines()[-1] == "tick: stopped (Ctrl-C or SIGTERM)"


class NotTheLoops(Exception):
    """What the test's own SIGTERM handler raises: the loop did not take SIGTERM over."""


def test_sigterm_stops_a_ticking_worker_after_its_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks: list[Any] = []
    tick = Desk.tick

    def counted(desk: Desk, *args: Any, **kwargs: Any) -> Any:
        ticks.append(tick(desk, *args, **kwargs))
        if len(ticks) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return ticks[-1]

    def not_the_loops(signum: int, frame: FrameType | None) -> None:
        raise NotTheLoops

    monkeypatch.setattr(Desk, "tick", counted)
    previous = signal.signal(signal.SIGTERM, not_the_loops)
    try:
        result = invoke(tmp_path, "tick", "--loop", "--interval", "0.1")
        assert signal.getsignal(signal.SIGTERM) is not_the_loops  # given back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert not isinstance(result.exception, NotTheLoops), result.exception
    assert result.exit_code == 0, result.output
    assert len(ticks) == 2
    assert result.stderr.splitlines()[-1] == "tick: stopped (Ctrl-C or SIGTERM)"


def test_ctrl_c_stops_a_delivering_worker_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pressed(desk: Desk, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Desk, "deliver", pressed)
    result = invoke(tmp_path, "deliver", "--loop", "--interval", "0.1")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["deliver: stopped (Ctrl-C or SIGTERM)"]
