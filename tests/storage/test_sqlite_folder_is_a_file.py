"""A ``sqlite:`` URL whose folder is a file (``sqlite:///complaints.jsonl/cases.db``, the
source given where the store goes) was refused for the wrong reason: "this user may not
create files in the folder 'complaints.jsonl'", sending the user to chmod a file, and a
reading command said there was no database there. It is named as a file, not a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError
from complaintkit.storage.sqlite import SQLiteStorage


@pytest.fixture
def url(tmp_path: Path) -> str:
    source = tmp_path / "complaints.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    return f"sqlite:///{source / 'cases.db'}"


@pytest.mark.parametrize("read_only", [False, True], ids=["to write", "to read"])
def test_opening_it_names_the_file(url: str, read_only: bool) -> None:
    with pytest.raises(ConfigError, match=r"'[^']*complaints\.jsonl' is a file, not a folder"):
        SQLiteStorage(url, read_only=read_only)


@pytest.mark.parametrize("args", [["intake", "/dev/null"], ["report"]], ids=" ".join)
def test_a_command_names_the_file(url: str, args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", url, *args])
    assert result.exit_code == 2, result.output
    assert "complaints.jsonl' is a file, not a folder" in result.output
    assert (tmp_path / "complaints.jsonl").read_text(encoding="utf-8") == "{}\n"
