"""An e-mail's body: the text the complaint is made of, and the parts it is not.

Text parts are decoded strictly (``mail_charsets`` reads the labels): a text part that
cannot be read refuses the message, naming the part, so no complaint is stored without
some of its words. The alternatives of a ``multipart/alternative`` say the same thing,
though, so one that cannot be read is noted in ``unread`` and costs nothing when another
can be. Attachments, and parts that are neither text/plain nor text/html, are noted as
metadata, never read.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from typing import Any

from complaintkit.channels.charset_param import declared_charset, stray_byte
from complaintkit.channels.mail_charsets import (
    UNNAMED,
    charset_codec,
    clean_readings,
    cyrillic_under,
    eight_bit_under_wide,
    guessed_text,
    iso_2022_jp,
    marked_wide,
    utf8_cut_short,
    western,
    wrong_label,
)
from complaintkit.channels.mail_flowed import is_flowed, unflowed
from complaintkit.channels.mail_forwarded import forwarded_heading
from complaintkit.channels.utf7_text import utf7_text
from complaintkit.channels.utf16_order import unmarked_utf16_order
from complaintkit.channels.wide_line_ends import (
    code_unit,
    marked_unit,
    without_transport_line_end,
)
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.cyrillic_text import cyrillic
from complaintkit.model.japanese_text import SHIFT_JIS, japanese
from complaintkit.model.korean_text import KOREAN, korean
from complaintkit.model.readable_as import cut_short, is_utf8, not_western, utf8_under

#: A base64 body less its white space and ``=`` padding: what mail clients decode.
_BASE64_LETTERS = re.compile(r"[A-Za-z0-9+/]*")
#: A quoted-printable soft line break: ``=`` ending a line, a CR alone ending it too, and
#: behind white space a transport agent added, which RFC 2045 (6.7) has decoders delete.
_SOFT_BREAK = re.compile(rb"=[ \t]*(?:\r\n|\n|\r)")
#: The parts the text is read from; any other is noted as an attachment.
_TEXT = ("text/plain", "text/html")
#: What a text part of a forwarded message's heading is, read with the plain text or the
#: HTML, whichever the text is.
_HEADING = "forwarded heading"
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
#: The transfer encodings RFC 2045 names; a body in any other is opaque data (6.4), and
#: read as text a case would keep its encoded letters instead of the customer's words.
_TRANSFER_ENCODINGS = frozenset({"", "7bit", "8bit", "binary", "base64", "quoted-printable"})
#: The transfer encodings that carry a body's bytes as they are, the transport's line
#: end after them (``wide_line_ends``).
_RAW = frozenset({"", "7bit", "8bit", "binary"})
#: uuencode, which the standard library decodes too (old mailers sent it)
_UUENCODE = frozenset({"x-uuencode", "uuencode", "uue", "x-uue"})


def decode_part(part: Message, where: str) -> str:
    """The text of one non-multipart part, strictly decoded, without the byte order mark
    UTF-8 text may start with (Windows scripts write one): it is no character written."""
    return _decoded_part(part, where).removeprefix("\ufeff")


def _decoded_part(part: Message, where: str) -> str:
    for name in _READ_BY:
        _one_value(part, name, where)
    encoding = _transfer_encoding(part, where)
    payload = (
        _base64_body(part, where)
        if encoding == "base64"
        else _quoted_printable_body(part)
        if encoding == "quoted-printable"
        else part.get_payload(decode=True)
    )
    if not isinstance(payload, bytes):
        raise InvalidInput(where, "has no body")
    if encoding in _UUENCODE and payload == _undecoded(part):
        raise InvalidInput(where, "the uuencoded body is corrupt (no `begin` line, or cut short)")
    declared = declared_charset(part)
    if why := stray_byte(declared):  # read as the name without it, it would be guessed
        raise InvalidInput(where, why)
    label = (declared or "us-ascii").lower()
    if encoding in _RAW:
        payload = without_transport_line_end(payload, _unit(label, payload))
    # naming none means US-ASCII (RFC 2045), but mail from Chinese clients and scripts
    # sends UTF-8 or GBK bytes unnamed, and Windows scripts UTF-16 behind its mark: read
    # as a part labelled unknown-8bit is
    if (declared is None or label in UNNAMED) and (
        text := marked_wide(payload) or guessed_text(payload, as_written=True)
    ) is not None:
        return text
    if not label.startswith("iso-2022") and (text := iso_2022_jp(payload)) is not None:
        return text  # 7-bit Japanese under another label (US-ASCII, most often)
    try:
        codec = charset_codec(label)
    except LookupError:
        raise InvalidInput(where, f"declares unknown charset {label!r}") from None
    if (text := cyrillic_under(payload, codec)) is not None:
        return text  # Russian under a Latin-1 label, which it reads in as accents alone
    text = _decoded(payload, codec, label, where)
    if codec == "gb18030" and (why := _not_chinese(payload)):
        raise InvalidInput(where, f"is labelled {label} but is {why}")
    if why := _misread_one_byte(payload, codec, label):
        raise InvalidInput(where, why)
    if shown := wrong_label(text, codec):
        readings = clean_readings(payload, codec)
        hint = f"; it reads as {' or '.join(readings)}" if readings else ""
        raise InvalidInput(
            where,
            f"is labelled {label} but is in another charset: read so it holds {shown}, "
            f"which no {label} text does{hint}",
        )
    return text


def _unit(label: str, payload: bytes) -> int:
    """The code unit of the wide encoding a raw body is in, by its label or its mark."""
    try:
        unit = code_unit(charset_codec(label))
    except LookupError:  # the label is refused below, naming it
        unit = 1
    return max(unit, marked_unit(payload))


def _decoded(payload: bytes, codec: str, label: str, where: str) -> str:
    """``payload`` read in its label's ``codec``; UTF-8 (``utf-8-sig`` too) cut short
    inside its last character (by a gateway) so too, the half character as U+FFFD. UTF-16 or UTF-32 that
    starts with a byte order mark is read in the order it says, without it, whatever byte
    order its label names (``utf-16-le``). 8-bit text labelled
    UTF-16 or UTF-32 (a .NET client naming its default) is refused, not read garbled:
    text in those holds a NUL beside each ASCII character, a line end too."""
    if eight_bit_under_wide(payload, codec):  # not 漏水 in UTF-16: no NUL, yet no 8-bit text
        readings = clean_readings(payload, codec)
        hint = f"; it reads as {' or '.join(readings)}" if readings else ""
        raise InvalidInput(
            where, f"is labelled {label} but holds no NUL byte, as 8-bit text does{hint}"
        )
    if code_unit(codec) > 1 and (marked := marked_wide(payload)) is not None:
        return marked  # a mark behind a label naming the byte order: no text, and the order
    if codecs.lookup(codec).name == "utf-16":  # no mark: Python's codec reads it little-endian
        codec = unmarked_utf16_order(payload)
    try:
        return utf7_text(payload) if codec == "utf-7" else payload.decode(codec)
    except UnicodeDecodeError as exc:
        unmarked = payload.removeprefix(codecs.BOM_UTF8)  # utf-8-sig's mark is no text
        if is_utf8(codec) and (cut := utf8_cut_short(unmarked)) is not None:
            return cut  # GB18030 would read the half character as a whole one
        if why := _misread_one_byte(payload, codec, label):
            raise InvalidInput(where, why) from None  # UTF-8 under Latin-1's label: Ñ\x81
        if cut_short(payload.rstrip(b"\r\n"), codec):  # another charset reads half as whole
            raise InvalidInput(
                where, f"is not valid {label}: it ends inside a character, cut short"
            ) from None
        readings = clean_readings(payload, codec)  # GBK labelled utf-8, as scripts send it
        hint = f"; it reads as {' or '.join(readings)}" if readings else ""
        raise InvalidInput(
            where, f"is not valid {label} (byte {exc.start}: {exc.reason}){hint}"
        ) from None
    except (LookupError, UnicodeError):  # base64, rot13, zlib…: codecs, not charsets
        raise InvalidInput(where, f"declares {label!r}, which is not a text charset") from None


def _misread_one_byte(payload: bytes, codec: str, label: str) -> str:
    """Why ``payload``, which its one-byte charset ``codec`` reads whole, is in another:
    UTF-8, or Chinese, Korean or Japanese read as Western Europe's accented letters; ``""``
    if neither."""
    if utf8_under(payload, codec):
        return (
            f"is labelled {label} but is UTF-8: read so, each of its characters beyond ASCII "
            "is two or more (é as Ã©); it reads as utf-8"
        )
    if western(codec) and (meant := not_western(payload)) is not None:
        return (
            f"is labelled {label} but is in another charset: read so, its characters beyond "
            f"ASCII stand together as no {label} text's accented letters do (外卖 as ÍâÂô); "
            f"it reads as {meant}"
        )
    return ""


def _not_chinese(payload: bytes) -> str:
    """What ``payload``, which reads whole as GB18030, is instead, and why: Japanese,
    Korean or Cyrillic so read is Chinese characters no one writes together. ``""`` if
    none."""
    if japanese(payload) is not None:
        return (
            "Japanese: read so, its characters are mostly ones Chinese text is never written "
            f"in; it reads as {SHIFT_JIS}"
        )
    if korean(payload) is not None:
        return (
            "Korean: read so, its Hangul is common Chinese characters in words no one "
            f"writes; it reads as {KOREAN}"
        )
    if (found := cyrillic(payload)) is not None:
        return (
            "Cyrillic: read so, its letters are Chinese characters in words no one writes; "
            f"it reads as {found[0]}"
        )
    return ""


#: The headers a part's text is read by, which the standard library takes the first of.
_READ_BY = ("Content-Type", "Content-Transfer-Encoding")


def _one_value(part: Message, name: str, where: str) -> None:
    """Refuse ``part`` when it gives header ``name`` more than once, differently (a relay's
    ``charset=gbk`` above the sender's ``charset=utf-8``): read by the first, its text
    would come in garbled, and which one holds is unclear."""
    values = [str(value) for value in part.get_all(name) or []]
    if len({" ".join(value.lower().split()) for value in values}) > 1:
        shown = " and ".join(repr(value.strip()[:_SHOWN]) for value in values[:2])
        raise InvalidInput(
            where,
            f"gives {name} {len(values)} times, differently ({shown}); which one holds is "
            "unclear: send it with one",
        )


#: How much of a header value a reason quotes.
_SHOWN = 80


def _transfer_encoding(part: Message, where: str) -> str:
    """The part's Content-Transfer-Encoding, lower-cased and without the spaces around it
    (the standard library decodes no ``base64 `` and reads any it does not know as text).
    One no mail reader decodes refuses the part, which holds no text anyone can read."""
    written = str(part.get("content-transfer-encoding", ""))
    encoding = written.strip().lower()
    if encoding not in _TRANSFER_ENCODINGS | _UUENCODE:
        raise InvalidInput(
            where,
            f"has Content-Transfer-Encoding {written.strip()!r}, which no mail reader decodes "
            "(RFC 2045 names 7bit, 8bit, binary, base64 and quoted-printable)",
        )
    if encoding != written:
        part.replace_header("Content-Transfer-Encoding", encoding)
    return encoding


def _base64_body(part: Message, where: str) -> bytes:
    """The base64 body decoded as mail clients decode it: white space anywhere (a relay's
    at a line's end) is no part of it (RFC 2045 6.8), nor is the ``=`` padding, which
    senders leave out. Any other stray character, or a last letter alone, which encodes no
    byte, makes it corrupt: read anyway, the text would lose or garble words unsaid."""
    written = part.get_payload()
    letters = "".join(written.split()).rstrip("=") if isinstance(written, str) else ""
    if not _BASE64_LETTERS.fullmatch(letters) or len(letters) % 4 == 1:
        raise InvalidInput(where, "the base64 body is corrupt")
    return base64.b64decode(letters + "=" * (-len(letters) % 4), validate=True)


def _quoted_printable_body(part: Message) -> bytes | None:
    """The quoted-printable body decoded, each ``=`` ending a line a soft line break however
    the line ends: the standard library's decoder takes one before a CR alone (old Mac mail
    programs end lines so) for a broken escape, and drops the rest of the body unsaid."""
    written = _as_sent(part)
    return None if written is None else binascii.a2b_qp(_SOFT_BREAK.sub(b"", written))


def _as_sent(part: Message) -> bytes | None:
    """The part's body as its bytes came: ``get_payload(decode=True)`` returns them so for
    a part with no transfer encoding to undo, while ``get_payload()`` reads the 8-bit ones
    in the part's charset, replacing any it cannot read."""
    encoding = part["Content-Transfer-Encoding"]
    del part["Content-Transfer-Encoding"]
    try:
        body = part.get_payload(decode=True)
    finally:
        part["Content-Transfer-Encoding"] = encoding
    return body if isinstance(body, bytes) else None


def _undecoded(part: Message) -> bytes | None:
    """The body as sent, which the standard library returns for uuencode it cannot decode."""
    body = part.get_payload()
    try:
        return body.encode("ascii", "surrogateescape") if isinstance(body, str) else None
    except UnicodeEncodeError:
        return None


#: Elements whose content is never shown: a script, a style sheet, the window's title.
_HIDDEN = frozenset({"script", "style", "template", "title"})
#: Elements that start and end lines of their own.
_BLOCKS = frozenset(
    {"address", "article", "aside", "br", "dd", "div", "dl", "dt", "figure", "footer", "form"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section"}
    | {"table", "tr", "ul"}
)
#: What a mail program quotes the letter answered in (``>`` in plain text).
_QUOTE = "blockquote"
#: A line end in the HTML source, with the white space around it: no line end on screen.
#: Looked for from the start of a run of white space only: tried within a long run, each
#: position would scan the rest of it (quadratic: 50,000 spaces took 90 s).
_SOURCE_BREAK = re.compile(r"(?<![ \t\f])[ \t\f]*(?:\r\n?|\n)[ \t\r\n\f]*")


def _joined(text: str) -> str:
    """``text`` with each line end of the source a space, as a browser shows it — but
    none between two Chinese (wide) characters, which are written without one (CSS Text's
    segment breaks): Outlook wraps its HTML at 76 columns, within words' runs too."""
    return _SOURCE_BREAK.sub(_segment_break, text) if "\n" in text or "\r" in text else text


def _segment_break(found: re.Match[str]) -> str:
    text, start, end = found.string, found.start(), found.end()
    wide = start > 0 and end < len(text) and _wide(text[start - 1]) and _wide(text[end])
    return "" if wide else " "


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


class _HtmlText(HTMLParser):
    """Visible text of an HTML body, for mail that has no text/plain alternative: one line
    per block, the letter a reply quotes in a ``<blockquote>`` marked ``>`` as plain-text
    replies mark it, so the customer's words do not run into ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []  # (quote depth, text) of each line
        self._line: list[str] = []
        self._depth = 0
        self._skip = 0
        self._pre = 0  # inside <pre>: its line ends are the text's

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "pre":
            self._pre += 1
        if tag in _HIDDEN:
            self._skip += 1
        elif tag == _QUOTE:
            self._break()
            self._depth += 1
        elif tag in _BLOCKS:
            self._break()
        elif tag in ("td", "th"):
            self._line.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(self._pre - 1, 0)
        if tag in _HIDDEN and self._skip:
            self._skip -= 1
        elif tag == _QUOTE:
            self._break()
            self._depth = max(self._depth - 1, 0)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._pre:  # a line end in the source is white space (``_joined``)
            self._line.append(data)
            return
        first, *rest = data.splitlines() or [""]
        self._line.append(first)
        for line in rest:
            self._break()
            self._line.append(line)

    def close(self) -> None:
        super().close()
        self._break()

    def _break(self) -> None:
        self.lines.append((self._depth, "".join(self._line)))
        self._line = []


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = ((depth, " ".join(_joined(text).split())) for depth, text in parser.lines)
    return "\n".join(
        f"{'>' * depth} {words}" if depth else words for depth, words in lines if words
    )


@dataclass
class _TextPart:
    """One text/plain or text/html part: its text, or why it cannot be read."""

    subtype: str
    text: str = ""
    error: InvalidInput | None = None
    #: an HTML alternative read in place of its plain one, which cannot be
    stands_for_plain: bool = False


@dataclass
class Body:
    """What a message's parts come to."""

    text: str = ""
    #: filename, content type and size in bytes of each attachment
    attachments: list[dict[str, Any]] = field(default_factory=list)
    #: each alternative that could not be read: its part and why
    unread: list[dict[str, str]] = field(default_factory=list)


def body_text(message: Message) -> Body:
    """The message's text (text/plain with words preferred over text/html), its attachments and the
    alternatives it could not read; ``InvalidInput`` names the first part that cannot be
    read and that no readable alternative stands for."""
    body = Body()
    parts = _parts(message, itertools.count(), body)
    if failed := next((p.error for p in parts if p.error is not None), None):
        raise failed
    # a blank plain part (some mailers send one beside the HTML written) says nothing, nor
    # does one of invisible characters alone (a byte order mark, a zero-width space)
    plain = [
        p
        for p in parts
        if (p.subtype in ("plain", _HEADING) or p.stands_for_plain) and not shows_nothing(p.text)
    ]
    html = [p for p in parts if p.subtype in ("html", _HEADING)]
    chosen = plain if any(p.subtype != _HEADING for p in plain) else html
    if all(p.subtype == _HEADING for p in chosen):  # who wrote a forwarded letter, no word
        chosen = []
    body.text = "\n\n".join(p.text.strip() for p in chosen if not shows_nothing(p.text))
    return body


def _parts(part: Message, numbers: Iterator[int], body: Body) -> list[_TextPart]:
    """The text parts of ``part`` in the order ``Message.walk`` gives them (numbered as it
    numbers them); attachments are noted in ``body``."""
    number = next(numbers)
    kind = part.get_content_type()
    if part.get_content_disposition() == "attachment" or not (part.is_multipart() or kind in _TEXT):
        # a message attached as a file (a letter forwarded as reply.eml) holds someone
        # else's words, and text/csv, text/calendar… no words of the complaint
        for _ in itertools.islice(part.walk(), 1, None):  # numbered as ``walk`` numbers them
            next(numbers)
        body.attachments.append(_attachment(part))
        return []
    if part.is_multipart():
        parts = [child for child in part.get_payload() if isinstance(child, Message)]
        children = [_parts(child, numbers, body) for child in parts]
        if part.get_content_subtype() == "alternative":
            return _alternatives(children, body)
        if kind == "message/rfc822" and parts:  # forwarded inline: who wrote it, and when
            children.insert(0, [_TextPart(_HEADING, forwarded_heading(parts[0]))])
        return [text for child in children for text in child]
    subtype = part.get_content_subtype()
    try:
        text = decode_part(part, f"part {number} ({kind})")
    except InvalidInput as exc:
        return [_TextPart(subtype, error=exc)]
    if is_flowed(part):
        text = unflowed(text, part)
    return [_TextPart(subtype, html_text(text) if subtype == "html" else text)]


def _alternatives(children: list[list[_TextPart]], body: Body) -> list[_TextPart]:
    """The alternatives that can be read, once one of them has words; those that cannot
    are noted in ``body``. With none readable, all are kept and the message is refused."""
    broken = [c for c in children if any(p.error for p in c)]
    whole = [c for c in children if not any(p.error for p in c)]
    if not broken or all(shows_nothing(p.text) for c in whole for p in c):
        return [text for child in children for text in child]
    for error in (p.error for c in broken for p in c if p.error is not None):
        body.unread.append({"part": error.field, "reason": error.message})
    kept = [text for child in whole for text in child]
    if any(p.subtype == "plain" for c in broken for p in c) and all(
        p.subtype == "html" for p in kept
    ):
        for text in kept:
            text.stands_for_plain = True
    return kept


def _attachment(part: Message) -> dict[str, Any]:
    """What an attachment is: its name, type and size, an attached message's the size of
    the bodies it holds; with a name no charset reads, the header naming it as sent."""
    bodies = (p.get_payload(decode=True) for p in part.walk() if not p.is_multipart())
    name = part.get_filename() or ""
    noted = {
        "filename": _storable(name),
        "content_type": _storable(part.get_content_type()),
        "size": sum(len(b) for b in bodies if isinstance(b, bytes)),
    }
    if "\ufffd" in name and (sent := _naming_header(part)) is not None:
        noted["filename_as_sent"] = sent
    return noted


def _naming_header(part: Message) -> str | None:
    """The header naming ``part`` (Content-Disposition, else Content-Type) as sent, on one
    line, its 8-bit bytes escaped (``\\xb7``): the name's bytes where no charset read them."""
    sent: dict[str, object] = {}
    for name, value in part.raw_items():
        sent.setdefault(name.lower(), value)  # the first, as the parser reads it
    for header in ("content-disposition", "content-type"):
        found = sent.get(header)
        if isinstance(found, str) and "name" in found.lower():
            written = found.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            return _storable(re.sub(r"\r?\n", "", written))
    return None


def _storable(name: str) -> str:
    """``name`` with each character no backend stores (NUL, a lone surrogate) shown as
    U+FFFD, as undecodable bytes in it already are: an attachment's odd name must not cost
    the complaint."""
    return _UNSTORABLE.sub("\ufffd", name)
