"""Which syntax a policy file is written in, for the advice that differs by it.

YAML reads bare words and digits as it sees fit (``NO`` is false, ``123`` a number) and
writes a list's items bare; JSON and TOML hold what the author typed, with text in quotes.
A problem in a JSON or TOML file neither explains a YAML reading nor shows YAML's syntax.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from complaintkit.errors import Location

#: The policy formats no YAML parser reads: a value there has the type its author wrote.
NOT_YAML: Final = (".json", ".toml")


def in_yaml(where: Location) -> bool:
    """Whether the file ``where`` points into is read as YAML."""
    return not where.file.endswith(NOT_YAML)


def items_to_write(items: Iterable[str], yaml: bool) -> str:
    """A list's items as the file's syntax writes them: ``a, b`` or ``"a", "b"``."""
    return ", ".join(item if yaml else f'"{item}"' for item in items)
