"""Progress bars: drawn on a terminal, never on a pipe or with --json."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from complaintkit.cli.progress import progress, progress_counter
from complaintkit.testing.poison import good_line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_a_terminal_only() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with progress(range(3), "taking in", stream=stream) as items:
            assert list(items) == [0, 1, 2]
    assert "taking in" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_json_output_turns_the_bar_off_even_on_a_terminal() -> None:
    terminal = Terminal()
    with progress(range(3), "taking in", enabled=False, stream=terminal) as items:
        list(items)
    with progress_counter("ticking", enabled=False, stream=terminal) as advance:
        advance(5)
    assert terminal.getvalue() == ""


def test_the_counter_shows_work_done_on_a_terminal() -> None:
    terminal = Terminal()
    with progress_counter("ticking", stream=terminal) as advance:
        advance(7)
    assert "ticking" in terminal.getvalue()
    assert "7" in terminal.getvalue()


def test_a_counter_with_a_length_draws_a_bar() -> None:
    terminal = Terminal()
    with progress_counter("reporting", length=4, stream=terminal) as step:
        for _ in range(4):
            step(1)
    assert "reporting" in terminal.getvalue()
    assert "4/4" in terminal.getvalue()


def run_intake(tmp_path: Path, *extra: str) -> tuple[str, str]:
    """Run ``complaintkit intake`` with stderr on a pseudo-terminal and stdout on a pipe."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(good_line(n) for n in range(20)) + b"\n")
    return run_on_terminal(tmp_path, "intake", *extra, str(source))


def run_on_terminal(tmp_path: Path, *args: str) -> tuple[str, str]:
    """Run ``complaintkit ARGS`` with stderr on a pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "complaintkit", "--db", f"sqlite:///{tmp_path}/c.db"]
    with subprocess.Popen(
        [*command, *args],
        stdout=subprocess.PIPE,
        stderr=follower,
    ) as process:
        os.close(follower)
        stdout = process.communicate()[0].decode()
        terminal = b""
        try:
            while chunk := os.read(leader, 4096):
                terminal += chunk
        except OSError:  # the follower side closed: everything has been read
            pass
        os.close(leader)
    return stdout, terminal.decode(errors="replace")


def test_intake_draws_on_a_real_terminal_and_keeps_stdout_clean(tmp_path: Path) -> None:
    stdout, terminal = run_intake(tmp_path)
    assert "taking in" in terminal
    assert "taking in" not in stdout
    assert stdout.startswith("20 taken in")


def test_intake_with_json_draws_nothing_even_on_a_terminal(tmp_path: Path) -> None:
    stdout, terminal = run_intake(tmp_path, "--json")
    assert terminal == ""
    assert '"opened": 20' in stdout


def test_report_draws_on_a_terminal_but_not_with_json(tmp_path: Path) -> None:
    run_intake(tmp_path)
    stdout, terminal = run_on_terminal(tmp_path, "report")
    assert "reporting" in terminal
    assert "reporting" not in stdout
    assert "== Complaint report" in stdout
    stdout, terminal = run_on_terminal(tmp_path, "report", "--json")
    assert terminal == ""
    assert stdout.startswith("{")
