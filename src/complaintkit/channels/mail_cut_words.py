"""Encoded words cut short, read as far as they go.

Gateways truncate a header at a number of bytes, and mailers cut a long Subject's last
encoded word with it: inside a character (``=?utf-8?B?5oqV6K?=``, 投 and half of 诉),
inside the base64 (a last letter alone, which encodes no byte and which the standard
library refuses to decode at all) or before the closing ``?=``. Refused, the complaint
would be a dead letter for the sake of half a character; so such a word is read as far
as it goes, the half character as U+FFFD, as a body cut short is
(``mail_charsets.utf8_cut_short``), wherever the word stands. A word with a wrong byte
before its end, or holding ASCII alone before the half character (``caf\xe9`` labelled
utf-8 is Latin-1), is left for the header check to refuse, naming it.
"""

from __future__ import annotations

import base64
import quopri
import re

from complaintkit.channels.mail_charsets import charset_codec
from complaintkit.model.readable_as import cut_short

#: An encoded word cut before its closing ``?=``, at the end of the field.
_UNCLOSED = re.compile(r"(=\?[^?\s]+\?[bBqQ]\?[^?\s]*?)\??(\s*)\Z")
#: One encoded word: its charset, encoding and text.
_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")


def closed_words(field: str) -> str:
    """``field`` with an encoded word its end cut off closed, and each base64 word's last
    letter that encodes no byte (``5oqV6K+J5``) left out."""
    field = _UNCLOSED.sub(r"\1?=\2", field)
    return _WORD.sub(_whole_letters, field)


def _whole_letters(word: re.Match[str]) -> str:
    label, encoding, text = word.groups()
    letters = text.rstrip("=")
    if encoding not in "bB" or len(letters) % 4 != 1:
        return word.group()
    return f"=?{label}?{encoding}?{letters[:-1]}?="


def mended_words(field: str) -> str:
    """``field`` with each encoded word whose text ends inside a character rewritten as
    UTF-8, that character as U+FFFD: the last word (a truncation), and one before other
    text or words too (a mailer that lost a byte cutting a subject into words, a display
    name cut before its address). Words that split a character between them are joined
    before (``mail_encoded_words.joined_words``), so none of theirs is taken for cut."""
    return _WORD.sub(_mended, field)


def _mended(word: re.Match[str]) -> str:
    label, encoding, text = word.groups()
    try:
        codec = charset_codec(label.split("*", maxsplit=1)[0])
        "".encode(codec)  # LookupError for a codec of bytes (base64, zlib), no charset
        data = (
            base64.b64decode(text + "=" * (-len(text) % 4))
            if encoding in "bB"
            else quopri.decodestring(text.replace("_", " ").encode("ascii"), header=True)
        )
        if not cut_short(data, codec):
            return word.group()
        read = data.decode(codec, errors="replace")
    except (LookupError, ValueError):  # base64 as a charset; UTF-16 wanting its mark…
        return word.group()  # the header check names what is wrong with it
    if read.removesuffix("\ufffd").isascii():  # caf\xe9 labelled utf-8 is Latin-1, not cut
        return word.group()
    return f"=?utf-8?B?{base64.b64encode(read.encode()).decode('ascii')}?="
