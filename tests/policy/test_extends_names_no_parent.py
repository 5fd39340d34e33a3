"""``extends: /`` read the file system's root as a policy folder: every ``*.json`` or
``*.yaml`` file there was merged in, its keys reported as unknown policy keys at files the
author never named. ``extends: .`` (the folder the policy is in) and ``extends:`` naming the
file itself were told only 'extends forms a cycle: p.yaml -> . -> .', a chain of names
with nothing to say what to write. Each is refused at the ``extends`` line, saying what it
names and which policy to name instead; a cycle through several files still names them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import Problem
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _child(folder: Path, extends: str) -> Path:
    (folder / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    child = folder / "p.yaml"
    child.write_text(f"complaintkit: 1\nextends: {extends}\nname: child\n", "utf-8")
    return child


def _at_extends(problems: list[Problem], child: Path) -> Problem:
    (problem,) = problems
    assert (problem.location.file, problem.location.line) == (str(child), 2)
    assert problem.location.path == "extends"
    assert problem.hint.strip()
    return problem


@pytest.mark.parametrize("root", ["/", "//", "/.", "/./", "UP"])
def test_the_file_systems_root_is_refused_and_never_read(tmp_path: Path, root: str) -> None:
    root = "../" * len(tmp_path.parts) if root == "UP" else root
    child = _child(tmp_path, f'"{root}"')
    problem = _at_extends(check_policy(child), child)
    assert problem.code == "extends-root"
    assert "root" in problem.message
    assert "./base.yaml" in problem.hint  # the policy beside it is offered


@pytest.mark.parametrize("folder", [".", "./", "ABS", "../NAME", "./."])
def test_the_folder_the_file_is_in_is_refused(tmp_path: Path, folder: str) -> None:
    folder = folder.replace("ABS", str(tmp_path)).replace("NAME", tmp_path.name)
    child = _child(tmp_path, f'"{folder}"')
    problem = _at_extends(check_policy(child), child)
    assert problem.code == "extends-itself"
    assert "folder" in problem.message
    assert " -> " not in problem.message


@pytest.mark.parametrize("itself", ["./p.yaml", "p.yaml", "ABS", "./link.yaml"])
def test_the_file_itself_is_refused(tmp_path: Path, itself: str) -> None:
    itself = itself.replace("ABS", str(tmp_path / "p.yaml"))
    os.symlink("p.yaml", tmp_path / "link.yaml")
    child = _child(tmp_path, itself)
    problem = _at_extends(check_policy(child), child)
    assert problem.code == "extends-itself"
    assert " -> " not in problem.message


def test_a_cycle_through_several_files_names_each_and_where_to_cut_it(tmp_path: Path) -> None:
    for name, parent in (("a", "b"), ("b", "c"), ("c", "a")):
        text = f"complaintkit: 1\nextends: ./{parent}.yaml\nname: {name}\n"
        (tmp_path / f"{name}.yaml").write_text(text, "utf-8")
    (problem,) = check_policy(tmp_path / "a.yaml")
    assert (problem.location.file, problem.location.line) == (str(tmp_path / "c.yaml"), 2)
    assert problem.code == "extends-cycle"
    assert "a.yaml -> " in problem.message
    assert "./a.yaml" in problem.hint


def test_validate_refuses_the_root_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    child = _child(tmp_path, "/")
    result = CliRunner().invoke(_CLI, ["validate", str(child)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{child}:2:" in result.output
    problems = [line for line in result.output.splitlines() if ": error: " in line]
    assert all(line.startswith(str(child)) for line in problems)
