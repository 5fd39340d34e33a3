"""What ``extends:`` can never name: the file system's root, the policy itself, its folder.

A folder extended is read as a policy, every ``*.yaml``, ``*.toml`` and ``*.json`` file in
it merged; read from ``/``, that merged whatever the system keeps there, reported as
unknown policy keys at files the author never named. The policy's own folder and the
policy itself hold the file extending them, so they could only extend themselves: said as
a cycle of one (``p.yaml -> . -> .``), that named no file to write instead.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.source import SUFFIXES, is_test_file
from complaintkit.policy.typos import close_matches


def unextendable(name: str, target: Path, extending: Path, spot: Location) -> Problem | None:
    """Why ``extending`` cannot extend ``target`` (written ``name``, at ``spot``), or None."""
    try:
        resolved, own = target.resolve(), extending.resolve()
    except (OSError, RuntimeError):  # a loop of links: reading it says so
        return None
    if resolved == own:
        said = "this very file"
    elif resolved == own.parent:
        said = "the folder this file is in, whose files (this one among them) make one policy"
    elif resolved.parent == resolved:
        said = "the root of the file system, not a policy"
        return Problem(spot, _message(name, said), _hint(extending), code="extends-root")
    else:
        return None
    message = f"{_message(name, said)}: a policy cannot extend itself"
    return Problem(spot, message, _hint(extending), code="extends-itself")


def _message(name: str, said: str) -> str:
    return f"extends names {as_written(name)}, {said}"


def _hint(extending: Path) -> str:
    """Name the policy to extend: the one beside ``extending`` whose name is nearest its
    own (``retail.yaml`` builds on ``retail-base.yaml``, not on the first in the folder)."""
    try:
        beside = sorted(
            path.name
            for path in extending.parent.iterdir()
            if path.suffix.lower() in SUFFIXES
            and path.name != extending.name
            and not is_test_file(path)
            and path.is_file()
        )
    except OSError:  # a folder that cannot be listed offers nothing
        beside = []
    by_stem = {Path(name).stem: name for name in reversed(beside)}
    nearest = close_matches(extending.stem, by_stem, n=1, cutoff=0.0)
    example = f"./{by_stem[nearest[0]]}" if nearest else "./base.yaml"
    return f"name the policy file this one builds on, e.g. extends: {example}"
