"""Where a row another row is compared with is written, as an author finds it.

An overlap or a shadow is reported at one row and names the other: by its path in the
merged table (``classification.rules[0]``) that other row may be in the policy this one
extends, at an index no editor shows. ``file:line`` is the line to go to.
"""

from __future__ import annotations

from collections.abc import Callable

from complaintkit.errors import Location


def row_place(locate: Callable[[str], Location], path: str) -> str:
    """``file:line`` of the row at ``path``; its path when the file gives no line."""
    where = locate(path)
    return f"{where.file}:{where.line}" if where.line is not None else path
