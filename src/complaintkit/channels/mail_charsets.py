"""Which codec reads a charset label found in mail.

Chinese mail often declares GB2312 or GBK while using GB18030 characters, and Big5 while
using HKSCS ones, so those labels decode with their superset codec. A label that names no
text codec (``base64``, ``rot13``, ``zlib``…) reads nothing. Text whose charset is not
named — a raw 8-bit header, a part labelled RFC 1428's ``unknown-8bit`` — is read as
UTF-8, else as GB18030, what Chinese mail without a label most often is.
"""

from __future__ import annotations

import codecs

#: Charset labels decoded with a superset codec (see the module docstring).
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
}

#: Labels saying that the charset is not known (RFC 1428).
UNNAMED = frozenset({"unknown-8bit", "x-unknown"})
#: What text that is not UTF-8 is read as when its charset is not named.
FALLBACK = "gb18030"
#: The codecs text in no named charset is read with, in turn.
GUESSES = ("utf-8", FALLBACK)


def guessed_text(data: bytes) -> str | None:
    """``data`` read with the first of ``GUESSES`` that reads it; ``None`` if none does."""
    for codec in GUESSES:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def charset_codec(label: str) -> str:
    """The codec that decodes text labelled ``label``; ``LookupError`` if there is none.

    ``bytes.decode`` with a codec that is not a text codec (``base64``) raises
    ``LookupError`` too.
    """
    label = label.lower()
    try:
        return codecs.lookup(SUPERSETS.get(label, label)).name
    except ValueError:  # a label holding NUL names no codec either
        raise LookupError(f"unknown encoding: {label!r}") from None
