"""A ``--db`` naming a FIFO or a device is refused at once, named: SQLite opening a FIFO
waits for a writer forever, deaf to Ctrl-C and SIGTERM (it retries the interrupted open),
and a device is no database either."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from complaintkit.errors import ConfigError
from complaintkit.storage.sqlite import SQLiteStorage

#: Far longer than a refusal takes; only a command waiting on the FIFO runs into it.
PATIENCE = 60


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [["cases", "list"], ["tick"], ["migrate"]])
def test_a_fifo_named_as_the_store_is_refused_naming_it(command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "cases.db"
    os.mkfifo(fifo)
    try:
        ended = subprocess.run(
            [sys.executable, "-m", "complaintkit", "--db", f"sqlite:///{fifo}", *command],
            check=False,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command} waited on the FIFO for a writer")
    assert ended.returncode != 0
    assert "Traceback" not in ended.stderr
    assert str(fifo) in ended.stderr
    assert "not a regular file" in ended.stderr
    assert fifo.is_fifo(), "the FIFO is left as it was"


def test_a_device_named_as_the_store_is_refused_naming_it() -> None:
    with pytest.raises(ConfigError, match="not a regular file") as raised:
        SQLiteStorage("sqlite:////dev/null")
    assert "/dev/null" in str(raised.value)
