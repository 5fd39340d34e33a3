"""A folder option given blank (``--keep "$CACHE"``, ``--out "$DIR"`` of an unset variable)
was read as ``.``: ``check POLICY --keep ''`` left hypothesis's cache (a ``constants``
folder) in the folder the command ran in, and ``demo --out ''`` its database and report,
where the user named no folder. Each is a usage error naming the option, as a blank output
file is (``test_output_blank``), and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["check", POLICY, "--examples", "2", "--keep"], "--keep"),
        (["demo", "--out"], "--out"),
    ],
)
@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], option: str, blank: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(CLI, [*command, blank])
    assert result.exit_code == 2, result.output
    assert option in result.stderr.splitlines()[-1]
    assert list(tmp_path.iterdir()) == []
