"""A ``sqlite:`` URL naming a file the operating system cannot even look for — a NUL
(``%00``) in its name, a name or folder longer than the filesystem allows — is a bad
``--db`` (a ``BadStorageURL``, exit code 2) naming the URL, never a failure blamed on the
built-in storage as if it were a broken plugin, nor a bare ``OSError``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit import Desk
from complaintkit.cli import build_cli
from complaintkit.errors import BadStorageURL
from complaintkit.storage.sqlite import SQLiteStorage

UNNAMEABLE = [
    "sqlite:///cases%00.db",
    "sqlite:///" + "长" * 200 + ".db",  # 600 bytes in UTF-8: over any file name limit
    "sqlite:///" + "a" * 300 + "/cases.db",
]


@pytest.mark.parametrize("url", UNNAMEABLE)
def test_opening_a_store_at_an_unnameable_file_is_a_bad_url(url: str) -> None:
    with pytest.raises(BadStorageURL) as raised:
        SQLiteStorage(url)
    assert url[:60] in str(raised.value)  # named; a long one cut short (complaintkit.brief)
    with pytest.raises(BadStorageURL):
        SQLiteStorage.reading(url)
    with pytest.raises(BadStorageURL):
        SQLiteStorage.stored_version(url)
    with pytest.raises(BadStorageURL):
        Desk(storage=url)


@pytest.mark.parametrize("url", UNNAMEABLE)
@pytest.mark.parametrize(
    "args", [["intake", "/dev/null"], ["cases", "list"], ["migrate"], ["tick"]]
)
def test_the_cli_says_an_unnameable_file_is_a_bad_db_in_one_line(
    url: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_cli(), ["--db", url, *args])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: Invalid value for '--db': "), result.output
    assert "plugin" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["sqlite:///~/cases.db", "sqlite:///~desk/db/cases.db"])
def test_a_tilde_is_said_to_be_no_home_folder(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sqlite:///~/cases.db`` names a folder called ``~`` in the working folder; the
    error said only that it did not exist, leaving the user to guess why their home
    folder was not found."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadStorageURL) as raised:
        SQLiteStorage(url)
    assert "home folder" in str(raised.value)
    assert "sqlite:////" in str(raised.value)  # how to write the path in full
    assert list(tmp_path.iterdir()) == []
