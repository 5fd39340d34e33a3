"""``-`` read from a standard input the command was started without (``<&-``, a service
given no input) failed inside click or a channel: ``explain POLICY -`` in a traceback
("Was not able to determine binary stream for sys.stdin"), ``intake -`` naming the
built-in channel's plugin and "'NoneType' object has no attribute 'buffer'". Each is now a
usage error naming the argument, saying to pipe the input in or name a file, and nothing
is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from complaintkit.desk import Desk

POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
COMMANDS = {
    "explain": ["explain", POLICY, "-"],
    "intake jsonl": ["--policy", POLICY, "intake", "-"],
    "intake email": ["--policy", POLICY, "intake", "--channel", "email", "-"],
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_dash_with_no_standard_input_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "cases.db"
    Desk(storage=f"sqlite:///{db}").storage.close()
    before = db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "complaintkit", "--db", f"sqlite:///{db}", *args],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_close_stdin,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert "standard input" in line
    assert "name a file" in line
    assert db.read_bytes() == before


def _close_stdin() -> None:
    """In the child, before it runs: no standard input at all, as ``<&-`` leaves it."""
    os.close(0)
