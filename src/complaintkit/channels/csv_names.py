"""A CSV header's column names as the mapping reads them, and why a name the mapping reads
is not among them when a cell is that name to the eye.

Names are matched exactly: a cell holding an invisible character (a byte order mark or a
zero-width space, pasted from another export) or in another case (``ID`` for ``id``) is
another name, and the error says which cell and why, not only that the column is absent.
"""

from __future__ import annotations

import unicodedata

from complaintkit.model.complaint import invisible


def header_names(values: list[str]) -> list[str]:
    """A header row's column names without the spaces around them, nor the byte order mark
    Excel starts an export with, which stays before the header of an export joined on with
    `cat`."""
    names = [value.strip() for value in values]
    if names:
        names[0] = names[0].removeprefix("\ufeff").strip()
    return names


def near_misses(absent: list[str], header: list[str]) -> str:
    """What keeps a header cell from being each ``absent`` name it is to the eye, as a
    clause of the error (``""`` if no cell is): an invisible character, or the case."""
    said = []
    for name in absent:
        for cell in header:
            if (hidden := invisible(cell)) and _seen(cell) == name:
                said.append(f"the header's {cell!r} holds {hidden}: delete it to read {name!r}")
                break
            if cell != name and cell.casefold() == name.casefold():
                said.append(
                    f"the header's {cell!r} is {name!r} in another case: names are matched "
                    "exactly, so write it as the mapping does"
                )
                break
    return "".join(f"; {clause}" for clause in said)


def _seen(cell: str) -> str:
    """``cell`` without its invisible format characters: as it looks."""
    return "".join(char for char in cell if unicodedata.category(char) != "Cf")
