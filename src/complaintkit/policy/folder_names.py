"""Files in a policy folder whose name says they hold policy, which the folder does not
read: ``rules.yaml.txt`` (Windows Notepad adds .txt, and Explorer hides it), ``rules.txt``,
a misspelt suffix (``rules.ymal``). Left out without a word, the policy would load without
them; each is a warning with the name to give it. Editor backups (``rules.yaml~``,
``.bak``, ``.orig``, ``.swp``), other hidden files and other files (``README.md``) are left out
as they always were."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.source import SUFFIXES, is_test_file
from complaintkit.policy.typos import close_matches

_BACKUPS: Final = ("~", ".bak", ".orig", ".swp", ".swo", ".tmp", ".old")
_NAMES: Final = [suffix[1:] for suffix in SUFFIXES]


def left_out(folder: Path, read: Iterable[Path]) -> Iterator[Problem]:
    """A warning for each file of ``folder`` not in ``read`` that is named as a policy;
    policy tests (``*.tests.yaml``) live beside the policy and are not part of it."""
    taken = set(read)
    for path in sorted(folder.iterdir()):
        if path in taken or path.name.startswith(".") or path.name.endswith(_BACKUPS):
            continue
        if is_test_file(path):
            continue
        meant = _meant(path.name)
        if meant is not None and path.is_file():
            yield Problem(
                Location(str(path)),
                f"{path.name} is not read as part of the policy: a policy file's name ends in "
                ".yaml, .yml, .toml or .json",
                f"if it holds policy, rename it {meant}; if not, move it out of the folder "
                "(backups ending in ~, .bak, .orig or .swp are left out without a word)",
                severity="warning",
                code="not-read",
            )


def _meant(name: str) -> str | None:
    """The name a policy file so named was meant to have, if it looks like one."""
    stem, dot, last = name.rpartition(".")
    if not dot or not stem:
        return None
    if last.lower() == "txt":
        inner = stem.rpartition(".")[2].lower()
        return stem if f".{inner}" in SUFFIXES else f"{stem}.yaml"
    swapped = [n for n in _NAMES if sorted(n) == sorted(last.lower())]  # ymal: yaml
    near = swapped or close_matches(last.lower(), _NAMES, n=1, cutoff=0.7)
    return f"{stem}.{near[0]}" if near else None
