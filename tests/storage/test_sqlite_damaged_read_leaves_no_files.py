"""Opening a damaged WAL store only to read it (``report``, ``cases list``, ``migrate``
asking its version) failed as it should, "database disk image is malformed", and left a
``-wal`` and a ``-shm`` beside the damaged file, which the reading connection made and
cannot remove: the folder an operator copies for recovery then held a log of the damaged
store's. The reading leaves the folder as it found it, as a reading that succeeds does."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A WAL store cut to half its length, as a copy interrupted part-way leaves it."""
    path = tmp_path / "s.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(storage=storage)
        for n in range(40):
            desk.intake(make_complaint(f"d{n}", text="面包发霉了 " * 200))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_it_to_read_leaves_no_files(damaged: Path) -> None:
    before = digest(damaged)
    with pytest.raises(ComplaintkitError, match="malformed"):
        SQLiteStorage.reading(f"sqlite:///{damaged}")
    with pytest.raises(ComplaintkitError, match="malformed"):
        SQLiteStorage.stored_version(f"sqlite:///{damaged}")
    assert beside(damaged) == ["s.db"]
    assert digest(damaged) == before


@pytest.mark.parametrize("args", [["report"], ["cases", "list"], ["migrate"]], ids=" ".join)
def test_a_command_refusing_it_leaves_no_files(damaged: Path, args: list[str]) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{damaged}", *args])
    assert result.exit_code == 1, result.output
    assert "malformed" in result.output
    assert beside(damaged) == ["s.db"]
