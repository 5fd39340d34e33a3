"""The charset a ``Content-Type`` declares, as its sender wrote it.

The standard library reads no charset in ``charset='gbk'`` (RFC 2231's
``charset'language'value`` with no value), as code building the header by hand writes it,
nor in one holding a byte over 127 (``gbk`` and a no-break space). Text so declared would
be read as naming none, as UTF-8, which GBK bytes often are too (漏水 as ``©ˮ``): in a mail
part, a form's field or an HTTP body alike. Such a charset is read as written, without the
quotes and spaces around it.

A charset holding a byte beyond ASCII after its name (``utf-8\xff``, a header cut or
mangled on its way) names none: no charset's name holds one, and read as the name without
it, or as no charset, the text would be guessed at. ``stray_byte`` says so, for the caller
to refuse it.
"""

from __future__ import annotations

import re
import string
from email.message import Message
from typing import Final

#: A charset parameter as written, for one the parser does not read.
_WRITTEN: Final = re.compile(r";\s*charset\s*=([^;]*)", re.IGNORECASE)
#: What may stand around a charset's name: quotes, and spaces, a no-break one too, also
#: as the byte a raw header keeps escaped.
_AROUND: Final = string.whitespace + "\"'\xa0\udca0"


def declared_charset(part: Message, written: str | None = None) -> str | None:
    """The charset ``part``'s ``Content-Type`` declares, lower-cased; ``None`` for none.
    ``written``: the header as sent, for a message it was set on (which keeps it parsed,
    without what its parser could not read)."""
    charset = part.get_content_charset()
    header = _as_written(part) if written is None else written
    if not charset and (found := _WRITTEN.search(header)):
        charset = found.group(1)
    return (charset or "").strip(_AROUND).lower() or None


def _as_written(part: Message) -> str:
    """A parsed part's ``Content-Type`` header as it came."""
    written = (str(value) for name, value in part.raw_items() if name.lower() == "content-type")
    return next(written, "")


#: What every refusal of a charset holding a stray byte says (``stray_byte``).
NOT_A_NAME: Final = "which holds a byte beyond ASCII that no charset's name does"


def stray_byte(charset: str | None) -> str | None:
    """Why ``charset`` (as ``declared_charset`` gives it) names no charset, quoting it as
    sent; ``None`` when it is ASCII, or none."""
    if charset is None or charset.isascii():
        return None
    return f"declares charset {_as_sent(charset)}, {NOT_A_NAME}: which one was meant is unknown"


def _as_sent(charset: str) -> str:
    """``charset`` quoted as its bytes came: a header's bytes beyond ASCII are read as
    Latin-1 (HTTP) or kept escaped (mail)."""
    try:
        return repr(charset.encode("latin-1", "surrogateescape"))[1:]
    except UnicodeEncodeError:  # a header already decoded as text: its characters then
        return repr(charset)
