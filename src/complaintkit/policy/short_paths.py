"""A file reached through ``extends: ../shared/base.yaml`` is named without the steps.

Each ``extends`` names its parent relative to the file extending it, so joined as written
a chain through parent folders named the file ten levels down
``retail/../shared/../common/…/x.yaml``, in every error located there and in a cycle's
message. Folding ``folder/..`` away names the same file unless a folder on the way is a
symbolic link (its ``..`` is the link target's parent), so the folded name is kept only
when it leads to the same file.
"""

from __future__ import annotations

import os
from pathlib import Path


def shortest(path: Path) -> Path:
    """``path`` with each ``folder/..`` folded away, when that names the same file."""
    folded = Path(os.path.normpath(path))
    if folded == path:
        return path
    try:
        return folded if folded.resolve() == path.resolve() else path
    except (OSError, RuntimeError):  # a loop of links, a name too long: keep it as written
        return path
