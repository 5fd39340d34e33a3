"""A key Excel rounded: a CSV file saved from Excel writes a number of twelve digits or
more as Excel shows it, six digits and an exponent (``1.23457E+17``). Order numbers and ID
card numbers of eighteen digits then share a few keys: different complaints would be one,
different customers one history."""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import InvalidInput

#: A number as Excel's General format writes one too long to show (``1.23457E+17``, ``1E+12``).
_EXCEL_ROUNDED: Final = re.compile(r"[1-9](?:\.\d{1,14})?E\+\d{2,3}")


def not_rounded(key: str, field: str) -> None:
    """``InvalidInput`` naming ``field`` if ``key`` is a number Excel rounded."""
    if "E+" in key and _EXCEL_ROUNDED.fullmatch(key):
        raise InvalidInput(
            field,
            f"{key!r} is a number as Excel writes one too long to show, its digits past the "
            "first few rounded away: different ids read the same so, and would be one; "
            "export the column as text (in Excel, format the column as Text before the ids "
            "go in, or import the file with Data > From Text/CSV, the column as Text)",
        )
