"""Standard output in an encoding that cannot write every character.

A Chinese Windows console or a file redirected there is GBK, an old locale Latin-1: a
complaint's emoji (or Chinese, in Latin-1) failed ``click.echo`` in a ``UnicodeEncodeError``
traceback, the listing cut off. Such a character is written as its escape instead, and JSON
as ASCII, which reads back to the same text in any encoding ASCII is part of.
"""

from __future__ import annotations

import codecs
import io
import sys

#: Encodings that can write every character (GB18030 is all of Unicode too).
_ANY_TEXT = frozenset({"utf-8", "utf-16", "utf-32", "gb18030", "utf-8-sig"})


def writes_any_text() -> bool:
    """Whether standard output's encoding can write every character (unknown: it can)."""
    encoding = getattr(sys.stdout, "encoding", None)
    if not isinstance(encoding, str):
        return True
    try:
        return codecs.lookup(encoding).name in _ANY_TEXT
    except LookupError:
        return True


def escape_what_stdout_cannot_write() -> None:
    """Have standard output write a character its encoding lacks as ``\\U0001f621``."""
    if isinstance(sys.stdout, io.TextIOWrapper) and not writes_any_text():
        sys.stdout.reconfigure(errors="backslashreplace")
