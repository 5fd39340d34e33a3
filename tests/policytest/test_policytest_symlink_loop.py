"""What a folder search finds that is named like a tests file but is none to read.

A symbolic link looping on itself (or two pointing at each other) is that file's error,
located, and the other tests still run: finding the files resolved each path and raised
``RuntimeError: Symlink loop`` out of the command, a traceback and no test run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
RETAIL = Path(__file__).parents[2] / "policies" / "retail"


def test_a_looping_link_is_its_files_error_and_the_other_tests_run(tmp_path: Path) -> None:
    folder = tmp_path / "政策"
    shutil.copytree(RETAIL, folder)
    (folder / "self.tests.yaml").symlink_to("self.tests.yaml")
    (folder / "a.tests.yaml").symlink_to("b.tests.yaml")
    (folder / "b.tests.yaml").symlink_to("a.tests.yaml")
    alone = CliRunner().invoke(CLI, ["test", "--json", str(folder / "supermarket.tests.yaml")])
    result = CliRunner().invoke(CLI, ["test", "--json", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["passed"] == json.loads(alone.stdout)["passed"] > 0
    failed = {Path(error["file"]).name: error for error in report["errors"]}
    assert sorted(failed) == ["a.tests.yaml", "b.tests.yaml", "self.tests.yaml"]
    for name, error in failed.items():
        problem = error["problems"][0]
        assert problem["file"].endswith(name), problem
        assert "link" in problem["message"], problem


def test_a_folder_named_like_a_tests_file_is_searched_not_read(tmp_path: Path) -> None:
    """A folder called ``retail.tests.yaml`` (tests grouped under their file's name) was
    read as a tests file: 'not a regular file', 'point at a policy file', and exit 1."""
    folder = tmp_path / "retail.tests.yaml"
    shutil.copytree(RETAIL, folder)
    alone = CliRunner().invoke(CLI, ["test", "--json", str(folder / "supermarket.tests.yaml")])
    result = CliRunner().invoke(CLI, ["test", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert report["passed"] == json.loads(alone.stdout)["passed"] > 0
