"""Which codec reads a charset label found in mail.

Chinese mail often declares GB2312 or GBK while using GB18030 characters, and Big5 while
using HKSCS ones, so those labels decode with their superset codec. A label that names no
text codec (``base64``, ``rot13``, ``zlib``…) reads nothing.
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
