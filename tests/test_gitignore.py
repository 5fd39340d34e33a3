"""What ``make`` leaves in the work tree is ignored by git, so a ``git add -A`` or an sdist
(hatch builds it from what git does not ignore) never takes in a virtualenv."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def made_by_make() -> list[str]:
    """The paths ``make clean`` removes, ``$(VENV)`` expanded."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    variables = dict(re.findall(r"^(\w+)\s*:=\s*(\S+)\s*$", makefile, flags=re.M))
    (removed,) = re.findall(r"^clean:\n\trm -rf (.+)$", makefile, flags=re.M)
    return [re.sub(r"\$\((\w+)\)", lambda m: variables[m[1]], word) for word in removed.split()]


def test_make_clean_names_the_virtualenvs() -> None:
    assert {".venv", ".venv-latest", "demo-output"} <= set(made_by_make())


@pytest.mark.parametrize("path", made_by_make())
def test_what_make_leaves_is_ignored(path: str) -> None:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        [git, "check-ignore", "--quiet", "--no-index", f"{path}/file"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0, f"{path} is not in .gitignore"
