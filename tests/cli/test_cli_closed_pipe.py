"""``complaintkit … | head``: a reader that stops reading is not an error of complaintkit's.
It printed ``Error: Broken pipe`` on stderr (an OSError made a one-line error) and, where
the pipe closed at exit, Python's own 'Exception ignored' lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize("args", [["plugins"], ["plugins", "--json"], ["schema"]])
def test_output_to_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: every write fails
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "complaintkit", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert done.stderr.decode() == ""
    assert done.returncode == 1
