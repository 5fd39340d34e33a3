"""What a ``sqlite:`` URL names: one file, said exactly, or a ``ConfigError`` — never a store
opened somewhere the URL did not mean."""

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, StorageError
from complaintkit.reports import build_report, open_source
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_url import database_file, sqlite_url
from complaintkit.testing.storage_contract import make_complaint


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:///x.db?synchronous", "synchronous"),  # no value: was silently ignored
        ("sqlite:///x.db?fast", "fast"),
        ("sqlite:///x.db?synchronous=off&synchronous=full", "twice"),
        ("sqlite:///x.db?synchronous=", "synchronous"),
        ("sqlite:///x.db#backup", "#"),
        ("sqlite://server/x.db", "server"),  # a host SQLite cannot reach
        ("sqlite:/x.db", "sqlite:///"),  # one slash: relative or absolute?
        ("sqlite:///", "names no file"),
        ("sqlite:///cases/", "folder"),
    ],
)
def test_a_url_that_does_not_say_one_file_and_its_options_is_refused(
    url: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases").mkdir()
    with pytest.raises(ConfigError, match=message) as raised:
        SQLiteStorage(url)
    assert url in str(raised.value)
    assert sorted(os.listdir(tmp_path)) == ["cases"], "nothing is created"
    assert os.listdir(tmp_path / "cases") == []


def test_a_folder_named_as_the_database_is_said_to_be_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        SQLiteStorage(f"sqlite:///{tmp_path}")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///cases.db", "cases.db"),
        ("sqlite:x.db", "x.db"),
        ("sqlite:////srv/desk/cases.db", "/srv/desk/cases.db"),
        ("SQLITE:///cases.db?synchronous=NORMAL", "cases.db"),
        ("sqlite:///my%20cases.db", "my cases.db"),  # a URL's path is percent-encoded
        ("sqlite:///%E6%8A%95%E8%AF%89.db", "投诉.db"),
        ("sqlite:///投诉 台账.db", "投诉 台账.db"),
        ("sqlite:///a%3Fb/c%23d.db", "a?b/c#d.db"),
        ("sqlite:///100%.db", "100%.db"),  # no escape: the % is the file's
    ],
)
def test_the_file_a_url_names(url: str, path: str) -> None:
    assert database_file(url) == Path(path)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_characters="/\x00"),
            min_size=1,
            max_size=12,
        ).filter(lambda part: part not in (".", "..")),
        min_size=1,
        max_size=3,
    ),
    st.booleans(),
)
def test_sqlite_url_names_exactly_the_path_it_was_given(parts: list[str], absolute: bool) -> None:
    path = Path("/" if absolute else "", *parts)
    assert database_file(sqlite_url(path)) == path


def test_a_store_in_a_folder_whose_name_holds_url_characters_is_in_that_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "a?b#c 100%"
    folder.mkdir()
    desk = Desk(storage=sqlite_url(folder / "cases.db"))
    desk.storage.close()
    assert (folder / "cases.db").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_another_applications_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO customers (name) VALUES ('王芳')")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="customers") as raised:
        SQLiteStorage(f"sqlite:///{path}")
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before, "not a table added, nor switched to WAL"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.touch()
    SQLiteStorage(f"sqlite:///{path}").close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] > 0


@pytest.mark.parametrize("name", ["a?b", "a#b", "x%41", "投诉 台账"])
def test_reports_read_the_store_in_a_folder_of_any_name(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    desk = Desk(storage=sqlite_url(tmp_path / name / "cases.db"))
    desk.intake(make_complaint("R1"))
    assert build_report(open_source(desk.storage)).total == 1
    desk.storage.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "no stray database"
