"""A SQLite store complaintkit may not write was refused in SQLite's words: on a read-only
file system 'cannot open … as a database (unable to open database file)', in a folder the
user may not write 'attempt to write a readonly database', and a read-only file opened
well and failed at its first write, 'the write failed and was rolled back'. None said what
is read-only nor what to do. A command that writes now says which (the file system, the
file, the folder), and that reading commands work on it as it is; a reading command still
reads it. One that cannot be read there (a log with changes the file does not hold yet,
and no shared-memory file SQLite may create to read it) says to copy both files."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from demo_store import play_demo

POLICY = str(demo_policy_path())
WRITING = (
    ["--policy", POLICY, "tick", "--json"],
    ["dead-letters", "purge", "--all", "--json"],
    ["migrate", "--json"],
    ["--policy", POLICY, "intake", "-", "--json"],
)
READING = (
    ["cases", "list", "--json"],
    ["audit", "verify", "--json"],
    ["--policy", POLICY, "report", "--json"],
)
SETPRIV = shutil.which("setpriv")


def ids(args: list[str]) -> str:
    return " ".join(a for a in args if a != POLICY)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def copy(source: Path, target: Path) -> Path:
    with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(target)) as new:
        old.backup(new)
        new.execute("PRAGMA journal_mode=WAL")
    return target


def run(path: Path, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", *args], input="")
    return result.exit_code, result.output


def run_unprivileged(path: Path, args: list[str]) -> tuple[int, str]:
    """The CLI run as root without the capability to override file permissions (the tests
    run as root, whom a file's mode does not stop)."""
    assert SETPRIV is not None
    command = [SETPRIV, "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all"]
    done = subprocess.run(
        [*command, sys.executable, "-m", "complaintkit", "--db", f"sqlite:///{path}", *args],
        input="",
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def error(output: str) -> str:
    message: str = json.loads(output)["error"]["message"]
    return message


def _mount(*args: str) -> bool:
    mount = shutil.which("mount")
    return mount is not None and subprocess.run([mount, *args], check=False).returncode == 0


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder to fill, and the same folder once its file system is mounted read-only."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)):
        pytest.skip("cannot mount a file system here")
    try:
        yield folder, folder
    finally:
        umount = shutil.which("umount") or "umount"
        subprocess.run([umount, "--lazy", str(folder)], check=True)


def remount_read_only(folder: Path) -> None:
    assert _mount("-o", "remount,ro", str(folder))


@pytest.mark.parametrize("args", WRITING, ids=ids)
def test_a_write_on_a_read_only_file_system_says_so(
    demo_db: Path, read_only_folder: tuple[Path, Path], args: list[str]
) -> None:
    folder, _ = read_only_folder
    path = copy(demo_db, folder / "cases.db")
    remount_read_only(folder)
    code, output = run(path, args)
    assert code == 1, output
    message = error(output)
    assert str(path) in message
    assert "read-only file system" in message
    assert "cases list" in message  # the reading commands still work


@pytest.mark.parametrize("args", READING, ids=ids)
def test_a_log_the_file_does_not_hold_yet_is_named_on_a_read_only_file_system(
    demo_db: Path, read_only_folder: tuple[Path, Path], args: list[str]
) -> None:
    folder, _ = read_only_folder
    path = copy(demo_db, folder / "cases.db")
    with closing(sqlite3.connect(path)) as live:
        live.execute("PRAGMA wal_autocheckpoint=0")
        live.execute("UPDATE cases SET owner = owner")
        live.commit()
        shutil.copy(f"{path}-wal", folder / "copy.db-wal")  # taken mid-use: no -shm with it
        shutil.copy(path, folder / "copy.db")
    remount_read_only(folder)
    code, output = run(folder / "copy.db", args)
    assert code == 1, output
    message = error(output)
    assert "copy.db-wal" in message
    assert "copy.db-shm" in message
    assert "read-only file system" in message


@pytest.mark.parametrize("args", READING, ids=ids)
def test_an_empty_log_left_on_a_read_only_file_system_is_read_past(
    demo_db: Path, read_only_folder: tuple[Path, Path], args: list[str]
) -> None:
    folder, _ = read_only_folder
    path = copy(demo_db, folder / "cases.db")
    Path(f"{path}-wal").write_bytes(b"")  # what a clean close of a store left in place
    remount_read_only(folder)
    code, output = run(path, args)
    assert code == 0, output


@pytest.mark.skipif(SETPRIV is None, reason="needs setpriv")
@pytest.mark.parametrize("args", WRITING, ids=ids)
@pytest.mark.parametrize("unwritable", ["file", "folder"])
def test_a_write_to_a_store_the_user_may_not_write_says_which_and_what_to_do(
    demo_db: Path, tmp_path: Path, args: list[str], unwritable: str
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = copy(demo_db, folder / "cases.db")
    (path if unwritable == "file" else folder).chmod(0o444 if unwritable == "file" else 0o555)
    try:
        before = path.read_bytes()
        code, output = run_unprivileged(path, args)
        assert code == 1, output
        assert "Traceback" not in output
        message = error(output)
        assert str(path) in message
        assert f"the {unwritable}" in message
        assert "chmod" in message
        assert path.read_bytes() == before
        read_code, read_output = run_unprivileged(path, ["cases", "list", "--json"])
        assert read_code == 0, read_output
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
