"""``demo --out`` naming something no folder can be made at is a usage error of ``--out``
naming it: a device passed click's check (only a regular file is refused there) and ended
in ``Error: File exists: /dev/null``, a path under a file in ``Error: Not a directory: …``,
neither saying which option or that a folder was wanted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def test_a_path_under_a_file_is_refused_naming_out(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    out = tmp_path / "notes.txt" / "demo"
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "--out" in result.stderr
    assert str(out) in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null here")
def test_a_device_is_refused_naming_out() -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["demo", "--out", "/dev/null"])
    assert result.exit_code == 2, result.output
    assert "--out" in result.stderr
    assert "'/dev/null'" in result.stderr
    assert "not a folder" in result.stderr
    assert Path("/dev/null").is_char_device()
