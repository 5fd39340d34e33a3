"""Output that cannot be written — a full disk, a file grown past its limit — ends in one
line naming where, exit code 1, and leaves a file that was there as it was.

With ``--json`` the error object went to the same failing stdout and ended in a traceback;
without it the line said ``No space left on device`` and nothing of where; and
``audit checkpoint --out`` / ``report --html`` over an earlier file truncated it first, so a
failed write lost the checkpoint taken before."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

SRC = Path(__file__).resolve().parents[2] / "src"
FULL = Path("/dev/full")  # every write fails with ENOSPC
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("output") / "cases.db"
    url = f"sqlite:///{path}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("OUT1"))
    desk.storage.close()
    with closing(sqlite3.connect(path)) as db:  # so reading it writes no -wal or -shm file
        db.execute("PRAGMA journal_mode=DELETE")
    return url


def _run(
    args: list[str], *, stdout: Path | None = None, file_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }

    def limit_files() -> None:  # a file may grow to file_limit bytes; past it, EFBIG
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    with (stdout or Path(os.devnull)).open("w", encoding="utf-8") as out:
        return subprocess.run(
            [sys.executable, "-m", "complaintkit", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=limit_files,
            timeout=120,
            check=False,
        )


@needs_dev_full
@pytest.mark.parametrize(
    "args", [["plugins", "--json"], ["plugins"], ["cases", "list", "--json"], ["cases", "list"]]
)
def test_a_stdout_that_cannot_be_written_is_one_line_saying_so(store: str, args: list[str]) -> None:
    done = _run(["--db", store, *args], stdout=FULL)
    assert "Traceback" not in done.stderr, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("Error: "), line
    assert "standard output" in line, line
    assert done.returncode == 1


@needs_dev_full
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["audit", "checkpoint", "--out", str(FULL)], "--out"),
        (["report", "--html", str(FULL)], "--html"),
        (["report", "--html", str(FULL), "--json"], "--html"),
    ],
)
def test_an_output_file_that_cannot_be_written_is_named(
    store: str, args: list[str], option: str
) -> None:
    done = _run(["--db", store, *args])
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    shown = done.stderr if "--json" not in args else ""
    if shown:
        (line,) = shown.splitlines()
        assert option in line, line
        assert str(FULL) in line, line
    assert FULL.exists()
    assert FULL.is_char_device()  # written in place, never replaced by a file of its own


@pytest.mark.parametrize(
    ("args", "option"),
    [(["audit", "checkpoint", "--out"], "--out"), (["report", "--html"], "--html")],
)
def test_a_failed_write_leaves_the_earlier_file_whole(
    store: str, tmp_path: Path, args: list[str], option: str
) -> None:
    earlier = tmp_path / "kept output.json"
    earlier.write_text('{"earlier": true}\n', encoding="utf-8")
    done = _run(["--db", store, *args, str(earlier)], file_limit=12)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert option in line, line
    assert str(earlier) in line, line
    assert earlier.read_text(encoding="utf-8") == '{"earlier": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == [earlier.name]  # no temporary file left


def test_an_output_file_is_written_whole_with_the_usual_permissions(
    store: str, tmp_path: Path
) -> None:
    out = tmp_path / "检查点 1.json"
    done = _run(["--db", store, "audit", "checkpoint", "--out", str(out)])
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("{")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as a file open() makes, not 0600
