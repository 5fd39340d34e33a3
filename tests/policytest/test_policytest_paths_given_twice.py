"""A tests file named twice — as itself and in its folder, or in two spellings — runs
once: each was run and counted per mention, so ``complaintkit test a.tests.yaml .``
reported twice the tests there are."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policytest import find_test_files

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
RETAIL = Path(__file__).parents[2] / "policies" / "retail"


def test_a_file_named_in_several_ways_is_run_and_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "政策 目录"
    shutil.copytree(RETAIL, folder)
    tests = folder / "supermarket.tests.yaml"
    once = CliRunner().invoke(CLI, ["test", "--json", str(tests)])
    again = CliRunner().invoke(
        CLI, ["test", "--json", str(tests), str(folder / "." / tests.name), str(folder)]
    )
    assert once.exit_code == again.exit_code == 0, again.output
    assert json.loads(again.stdout)["passed"] == json.loads(once.stdout)["passed"]
    text = CliRunner().invoke(CLI, ["test", str(tests), str(folder)])
    assert text.stdout.strip().endswith("in 1 file(s)"), text.stdout


@settings(max_examples=30, deadline=None)
@given(picks=st.lists(st.sampled_from(["file", "dotted", "folder", "parent"]), min_size=1))
def test_test_files_are_found_once_each_in_the_order_first_named(picks: list[str]) -> None:
    names = {
        "file": RETAIL / "supermarket.tests.yaml",
        "dotted": RETAIL / "." / "supermarket.tests.yaml",
        "folder": RETAIL,
        "parent": RETAIL.parent,
    }
    found = find_test_files([names[p] for p in picks])
    resolved = [p.resolve() for p in found]
    assert len(set(resolved)) == len(resolved)
    assert (RETAIL / "supermarket.tests.yaml").resolve() in resolved
