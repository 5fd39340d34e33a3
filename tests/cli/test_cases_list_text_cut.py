"""``cases list`` names a case without a subject by its text's first characters, cut as the
report's items are: between whole characters as a reader sees them, marked when cut.

It cut at the 40th code point, so an emoji family across it lost its last members behind a
dangling joiner and a flag became a letter in a box, with nothing to say the text went on.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
FLAG = "\U0001f1e8\U0001f1f3"


def _listed(tmp_path: Path, text: str) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    storage = SQLiteStorage(url)
    try:
        Desk(storage=storage).intake(make_complaint("L-1", text=text))
    finally:
        storage.close()
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", url, "cases", "list"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    return line


def test_an_emoji_family_across_the_cut_is_left_out_whole(tmp_path: Path) -> None:
    line = _listed(tmp_path, "x" * 36 + FAMILY + " is unhappy")
    assert line.endswith(" " + "x" * 36 + "…")


def test_a_flag_across_the_cut_is_left_out_whole(tmp_path: Path) -> None:
    line = _listed(tmp_path, "x" * 39 + FLAG + " 的快递")
    assert line.endswith(" " + "x" * 39 + "…")


def test_a_text_that_fits_is_listed_whole(tmp_path: Path) -> None:
    assert _listed(tmp_path, "短" * 40).endswith(" " + "短" * 40)
