"""The transport's line end after a raw UTF-16 or UTF-32 body, told from the body's text.

SMTP ends a message with CR LF, and an mbox ends each message with an empty line before
the next ``From `` line: bytes of the mail, one each, after a raw (8bit or binary) body's
last code unit. Read with a body in UTF-16, CR LF pair into one code unit (U+0A0D in
UTF-16-LE, U+0D0A in UTF-16-BE) and a lone LF or CR leaves an odd byte the codec refuses.
A wide body's own line ends are whole code units (``\\r\\x00\\n\\x00``); line-end bytes
past the last whole code unit, or making one up alone, are the transport's.
"""

from __future__ import annotations

import codecs

#: The longest run of transport line ends taken off: an empty line's CR LF CR LF.
_MOST = 4
_LINE_END_BYTES = frozenset(b"\r\n")
_MARKS = (
    (codecs.BOM_UTF32_LE, 4),
    (codecs.BOM_UTF32_BE, 4),
    (codecs.BOM_UTF16_LE, 2),
    (codecs.BOM_UTF16_BE, 2),
)


def code_unit(codec: str) -> int:
    """The bytes of one code unit of ``codec``: 2 for UTF-16, 4 for UTF-32, else 1."""
    name = codecs.lookup(codec).name
    return 4 if name.startswith("utf-32") else 2 if name.startswith("utf-16") else 1


def marked_unit(data: bytes) -> int:
    """The code unit of the wide encoding ``data``'s byte order mark names, else 1."""
    return next((unit for mark, unit in _MARKS if data.startswith(mark)), 1)


def without_transport_line_end(data: bytes, unit: int) -> bytes:
    """``data``, a raw body in code units of ``unit`` bytes, without the line-end bytes a
    transport wrote after it: those past its last whole code unit, and code units made of
    line-end bytes alone (never a wide line end, which holds a NUL) at its end."""
    if unit == 1:
        return data
    end = len(data)
    while end > 0 and len(data) - end < _MOST and data[end - 1] in _LINE_END_BYTES:
        if end % unit == 0 and not all(byte in _LINE_END_BYTES for byte in data[end - unit : end]):
            break  # a whole code unit of the text (the NUL beside a wide CR or LF)
        end -= 1
    return data[:end] if end % unit == 0 else data
