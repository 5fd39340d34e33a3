"""A MIME parameter in no charset a codec reads, read as unlabelled text is.

An attachment's file name comes labelled with a charset, in RFC 2231's ``filename*=`` or
an encoded word, yet mailers write labels no codec knows (``x-unknown``, an empty one, a
Mac's ``x-mac-chinesesimp``) and bytes their label cannot read (GBK labelled ``utf-8``):
the standard library gave such a name as replacement characters (��Ʊ.pdf for 发票.pdf).
Its bytes are read as an unlabelled part is (``mail_charsets.guessed_text``) and written
back in UTF-8; bytes that read as nothing are left as they are, and the attachment keeps
its header as sent (``mail_body``).
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from email.header import decode_header

from complaintkit.channels.mail_charsets import charset_codec, guessed_text

#: An RFC 2231 value of a parameter whose pieces are joined: ``; name*=charset'lang'%XX…``.
_EXTENDED = re.compile(r"""(;\s*[^\s*=;"]+\*=\s*)("?)([^'"\s;=]*)'([^'"\s;]*)'([^"\s;]*)\2""")
_WORD = re.compile(r"=\?([^?\s]+)\?[bBqQ]\?[^?\s]*\?=")


def guessed_names(value: str) -> str:
    """``value``, a MIME header, with each RFC 2231 value and encoded word its charset
    does not read written in UTF-8 as guessed, where a guess reads it."""
    return _WORD.sub(_guessed_word, _EXTENDED.sub(_guessed_value, value))


def _guessed_value(found: re.Match[str]) -> str:
    start, quote, label, language, written = found.groups()
    # raw 8-bit bytes no charset read are the parser's surrogate escapes: the bytes they are
    text = _guessed(
        urllib.parse.unquote_to_bytes(written.encode("utf-8", "surrogateescape")), label
    )
    if text is None:
        return found.group()
    return f"{start}{quote}utf-8'{language}'{urllib.parse.quote(text, safe='')}{quote}"


def _guessed_word(found: re.Match[str]) -> str:
    try:
        ((data, charset),) = decode_header(found.group())
    except (ValueError, LookupError):  # a corrupt word: the parser shows what it can
        return found.group()
    if not isinstance(data, bytes):
        return found.group()
    text = _guessed(data, charset or "")
    if text is None:
        return found.group()
    return f"=?utf-8?B?{base64.b64encode(text.encode()).decode('ascii')}?="


def _guessed(data: bytes, label: str) -> str | None:
    """``data`` read as guessed when ``label`` does not read it; else ``None``."""
    try:
        data.decode(charset_codec(label.split("*", 1)[0]))
    except (LookupError, UnicodeError):
        return guessed_text(data, as_written=True)
    return None
