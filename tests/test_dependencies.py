"""``pip install complaintkit`` brings only ``[project] dependencies``: the CLI works with
those alone. Each command runs in a Python where every module that only an extra (``dev``,
``server``, ``bench``) installs cannot be imported, as in a fresh virtualenv."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"

#: Runs the CLI with the modules named in argv[1] (comma-separated) made unimportable.
RUNNER = """
import importlib.abc, sys
BLOCKED = frozenset(sys.argv[1].split(","))
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (only an extra installs it)", name=name)
        return None
sys.meta_path.insert(0, Block())
sys.argv = ["complaintkit", *sys.argv[2:]]
from complaintkit.cli import main
main()
"""


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_canonical(re.match(r"[A-Za-z0-9._-]+", r)[0]) for r in requirements}  # type: ignore[index]


def extras_only_modules() -> list[str]:
    """Top-level modules installed only by a distribution an extra names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    runtime = _names(project["dependencies"])
    extras = set[str]().union(*map(_names, project["optional-dependencies"].values()))
    only_extras = extras - runtime - {"complaintkit"}
    return sorted(
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if distributions and all(_canonical(d) in only_extras for d in distributions)
    )


def test_the_extras_are_blocked() -> None:
    blocked = extras_only_modules()
    assert {"pytest", "starlette", "uvicorn"} <= set(blocked)
    assert "hypothesis" not in blocked  # `complaintkit check` needs it: a dependency


@pytest.mark.parametrize(
    "command",
    [
        ["plugins"],
        ["validate", str(POLICY)],
        ["test", str(POLICY.parent)],
        ["check", "--examples", "5", str(POLICY)],
        ["demo", "--out", "day"],
    ],
    ids=lambda command: command[0],
)
def test_the_cli_needs_no_extra(command: list[str], tmp_path: Path) -> None:
    plugins = [entry.name for entry in importlib.metadata.entry_points(group="complaintkit")]
    env = {
        **os.environ,
        "COMPLAINTKIT_DISABLE_PLUGINS": ",".join(plugins),  # they bring their own dependencies
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    for name in ("COMPLAINTKIT_DB", "COMPLAINTKIT_POLICY"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, ",".join(extras_only_modules()), *command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "ModuleNotFoundError" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
