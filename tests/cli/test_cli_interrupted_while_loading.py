"""Ctrl-C while ``complaintkit`` is still loading its modules — most of its first second —
ends like Ctrl-C later: one line and exit code 130, not a traceback (or a process killed by
SIGINT) from inside an import. Nothing was read or stored yet, so nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
#: What the installed ``complaintkit`` script runs, with Ctrl-C pressed while ``module`` is
#: imported (a finder that raises where the key would have interrupted the import).
ENTRY = """
import sys

pressed_at = sys.argv.pop(1)

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == pressed_at:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from complaintkit.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize(
    "module",
    ["click", "complaintkit.desk", "complaintkit.plugins", "complaintkit.channels"],
)
def test_ctrl_c_while_loading_is_one_line_and_exit_130(tmp_path: Path, module: str) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    ended = subprocess.run(
        [sys.executable, "-c", ENTRY, module, "--db", db, "intake", str(tmp_path / "in.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ended.returncode == 130, ended.stderr
    assert "Traceback" not in ended.stderr
    (line,) = ended.stderr.splitlines()
    assert "interrupted (Ctrl-C)" in line
    assert not (tmp_path / "cases.db").exists()
