"""The charset a ``Content-Type`` declares, as its sender wrote it.

The standard library reads no charset in ``charset='gbk'`` (RFC 2231's
``charset'language'value`` with no value), as code building the header by hand writes it,
nor in one holding a byte over 127 (``gbk`` and a no-break space). Text so declared would
be read as naming none, as UTF-8, which GBK bytes often are too (漏水 as ``©ˮ``): in a mail
part, a form's field or an HTTP body alike. Such a charset is read as written, without the
quotes and spaces around it.
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
