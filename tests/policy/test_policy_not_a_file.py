"""A policy path that is a FIFO (or a device) is refused at once, named, whether given
itself or found in a folder: reading it would wait for a writer forever, and leaving it out
would check a policy short of one file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PolicyError
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_naming_it(tmp_path: Path) -> None:
    fifo = tmp_path / "policy.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError) as info:
        load_policy(fifo)
    [problem] = info.value.problems
    assert problem.location.file == str(fifo)
    assert "not a regular file" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_validate_reports_a_fifo_in_a_subfolder_naming_it(tmp_path: Path) -> None:
    # it was left out silently: only regular files were looked for below the folder
    (tmp_path / "retail").mkdir()
    (tmp_path / "retail" / "shop.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / "property").mkdir()
    fifo = tmp_path / "property" / "estate.yaml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(CLI, ["validate", "--json", str(tmp_path)])
    assert result.exit_code == 1, result.output
    report = {p["path"]: p["problems"] for p in json.loads(result.output)["policies"]}
    assert report[str(tmp_path / "retail" / "shop.yaml")] == []
    [problem] = report[str(fifo)]
    assert problem["file"] == str(fifo)
    assert "not a regular file" in problem["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_a_folders_policy_files_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    fifo = tmp_path / "20-rules.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path)
    [problem] = info.value.problems
    assert problem.location.file == str(fifo)
    assert "not a regular file" in problem.message
