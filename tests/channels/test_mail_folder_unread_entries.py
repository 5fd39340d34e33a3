"""A folder of .eml files may hold entries that are no .eml file: mail saved as .msg or
with no suffix, a subfolder of messages. They are not read — but a run that took in none of
them said nothing and ended with exit code 0, as if the folder held no more mail."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.poison import good_mail


def test_entries_that_are_no_eml_file_are_named_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "2026-11").mkdir(parents=True)
    (folder / "one.eml").write_bytes(good_mail(1))
    (folder / "two.msg").write_bytes(good_mail(2))
    (folder / "three").write_bytes(good_mail(3))
    (folder / "2026-11" / "four.eml").write_bytes(good_mail(4))
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "email", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 taken in (1 new cases")
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: mail: 3 entries are no .eml file and were not read")
    for name in ("two.msg", "three", "2026-11/"):
        assert name in warning
    assert ".DS_Store" not in warning


def test_a_folder_of_eml_files_alone_says_nothing_more(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "one.eml").write_bytes(good_mail(1))
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "--channel", "email", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
