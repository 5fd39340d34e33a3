"""The header fields a complaint is made of, decoded as strictly as its body.

Mail clients in China often send raw 8-bit headers (a GBK subject, no encoded words). The
standard library reads header bytes that are not UTF-8 as replacement characters, and an
encoded word that is cut short or names an unknown charset as whatever it can make of it:
a subject of "漏�abc" would be stored without a word. So before parsing, a header field
that is not UTF-8 is decoded in the charset the body declares (GBK beside a body labelled
Big5 as the GB18030 it reads as, ``model.big5_text``), else as GB18030, and
re-encoded as UTF-8 (what the parser reads); a field the complaint is made of that none of
them reads, or that holds a broken encoded word, is refused naming the header.
"""

from __future__ import annotations

import email.errors
import re
from email.header import decode_header

from complaintkit.channels.charset_param import stray_byte
from complaintkit.channels.mail_charsets import (
    FALLBACK,
    charset_codec,
    clean_readings,
    cyrillic_under,
    eight_bit_under_wide,
    garbled,
    guessed_text,
    iso_2022_jp,
    western,
)
from complaintkit.channels.mail_cut_words import closed_words, mended_words
from complaintkit.channels.mail_encoded_words import (
    joined_letters,
    joined_words,
    relabelled_words,
    without_empty_words,
)
from complaintkit.channels.wide_line_ends import code_unit
from complaintkit.errors import InvalidInput
from complaintkit.model.big5_text import BIG5, gb18030_rather_than_big5
from complaintkit.model.cyrillic_text import beside_cyrillic, cyrillic
from complaintkit.model.readable_as import not_western, utf8_rather_than_gb18030

#: The headers a complaint is made of: each is decoded strictly, and may appear only once.
USED = ("From", "Subject", "Message-ID", "Date")
_USED = {name.lower() for name in USED}
#: The longest of them read, as written (folded, in encoded words): the standard library
#: parses encoded words in time growing with the square of their number. A subject of
#: 1,000 Chinese characters in Q encoding is about 12 kB.
MAX_HEADER_BYTES = 32 * 1024
#: The most header fields, and bytes of them, a message may have: a route of a hundred
#: Received headers with DKIM signatures is tens of kB, and each header the complaint is
#: made of is looked up by a walk of them all (200,000 held the intake for 15 seconds).
MAX_HEADER_FIELDS = 2_000
MAX_HEADER_SECTION_BYTES = 1024 * 1024
#: A line that belongs to the header section, as the standard library's parser decides.
_HEADER_LINE = re.compile(rb"From |[\041-\071\073-\176]*:|[\t ]")
#: A MIME header field, which says how a body is read.
_MIME_FIELD = re.compile(rb"(?:content-[a-z-]+|mime-version)[\t ]*:", re.IGNORECASE)
#: One line as ``bytes.splitlines(keepends=True)`` gives it.
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
#: How much of a body is looked at to tell that it is Russian.
_BODY_LOOKED_AT = 64 * 1024
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:+-]+[\x80-\xff]*)""", re.IGNORECASE)


def readable_headers(raw: bytes) -> bytes:
    """``raw`` with every 8-bit header field that is not UTF-8 re-encoded as UTF-8;
    ``InvalidInput`` names a used header that cannot be decoded or holds a broken
    encoded word."""
    fields, end = _fields(raw)
    _refuse_stray_line(raw, end)
    declared = _declared_charset(fields)
    russian = not all(map(_utf8, fields)) and _russian_body(raw[end : end + _BODY_LOOKED_AT])
    out: list[bytes] = []
    for field in fields:
        name = field.split(b":", 1)[0].strip().decode("ascii", "replace")
        if name.lower() in _USED and len(field) > MAX_HEADER_BYTES:
            raise InvalidInput(
                name, f"header is {len(field):,} bytes long; the limit is {MAX_HEADER_BYTES:,}"
            )
        if name.lower() in _USED and (why := stray_byte(declared)) and not _utf8(field):
            raise InvalidInput(name, f"holds bytes that are not UTF-8, and the Content-Type {why}")
        text = _text(field, declared, whole=name.lower() == "message-id", beside_russian=russian)
        if name.lower() in _USED:
            if text is None:
                raise InvalidInput(
                    name,
                    f"holds bytes that are neither UTF-8, {declared or 'declared'} nor GB18030"
                    + _reads_as(field.split(b":", 1)[-1].strip(), "gb18030"),
                )
            if "=?" in text and name.lower() != "message-id":  # the key is as written
                text = without_empty_words(text)
                text = mended_words(joined_words(closed_words(joined_letters(text))))
            if "=?" in text:  # words read as the check reads them: whole, in supersets
                text = relabelled_words(joined_words(text))
            _check_encoded_words(name, text.split(":", 1)[-1])
        out.append(field if text is None else text.encode("utf-8"))
    if out == fields:  # nothing re-encoded: a large message is not copied
        return raw
    return b"".join(out) + raw[end:]


def _fields(raw: bytes) -> tuple[list[bytes], int]:
    """The header fields (each with its continuation lines) and where the body starts;
    ``InvalidInput`` once they are more fields or bytes than a message may have."""
    fields: list[list[bytes]] = []
    end = 0
    for line in (found.group() for found in _LINE.finditer(raw)):  # the body stays unsplit
        if not line.strip(b"\r\n") or not _HEADER_LINE.match(line):
            break
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        else:
            fields.append([line])
        end += len(line)
        if len(fields) > MAX_HEADER_FIELDS:
            raise InvalidInput("headers", f"are over {MAX_HEADER_FIELDS:,} fields, the limit")
        if end > MAX_HEADER_SECTION_BYTES:
            reason = f"are over {MAX_HEADER_SECTION_BYTES:,} bytes long, the limit"
            raise InvalidInput("headers", reason)
    return [b"".join(lines) for lines in fields], end


def _refuse_stray_line(raw: bytes, end: int) -> None:
    """Refuse a message whose header section is cut by a line that is no header field (no
    colon: a script's stray line) with MIME headers after it, before any blank line: the
    standard library starts the body there, so those headers would be read as the
    complaint's words and its body left undecoded (base64 kept as letters)."""
    stray = _LINE.match(raw, end)
    if stray is None or not stray.group().strip(b"\r\n"):
        return
    after = raw[stray.end() : stray.end() + MAX_HEADER_SECTION_BYTES]
    for line in (found.group() for found in _LINE.finditer(after)):
        if not line.strip(b"\r\n"):
            return
        if _MIME_FIELD.match(line):
            shown = stray.group().strip(b"\r\n")[:60].decode("ascii", "backslashreplace")
            name = line.split(b":", 1)[0].decode("ascii", "backslashreplace")
            raise InvalidInput(
                "headers",
                f"are cut by a line that is no header field ({shown!r}), with {name} after "
                "it: the message would be read with its headers as its text",
            )


def _declared_charset(fields: list[bytes]) -> str | None:
    """The charset the message's ``Content-Type`` names, with any stray byte beyond ASCII
    after its name (``big5\xff``, read as Latin-1): no charset's name holds one."""
    for field in fields:
        if field[:13].lower() == b"content-type:" and (found := _CHARSET.search(field)):
            return found.group(1).rstrip(b"\xa0").decode("latin-1").lower()
    return None


def _utf8(field: bytes) -> bool:
    try:
        field.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _russian_body(body: bytes) -> bool:
    """Whether ``body``'s lines beyond ASCII are Russian in KOI8-R or Windows-1251 (an
    unlabelled 8-bit body): then so is a raw header too short to tell from GBK alone."""
    return (
        cyrillic(b"\n".join(line for line in body.splitlines() if not line.isascii())) is not None
    )


def _text(field: bytes, declared: str | None, *, whole: bool, beside_russian: bool) -> str | None:
    """The field as text, its name as written and its value as ``_value`` reads it."""
    name, colon, value = field.partition(b":")
    if not colon or not name.isascii():
        return _value(field, declared, whole=whole, beside_russian=beside_russian)
    # a subject of one short word is not outweighed by its name
    text = _value(value, declared, whole=whole, beside_russian=beside_russian)
    return None if text is None else f"{name.decode('ascii')}:{text}"


def _value(field: bytes, declared: str | None, *, whole: bool, beside_russian: bool) -> str | None:
    """``field`` as text: ISO-2022-JP if it switches to Japanese as that does, else UTF-8,
    else the declared charset (GB18030 under a Big5 label where it reads as Chinese people
    write and Big5 does not: ``model.big5_text``), else as unlabelled text is guessed
    (GB18030 or Japanese in cp932); ``None`` if none of them reads it without garbling it (``mail_charsets``).
    ``whole``: never as UTF-8 cut short (a Message-ID, the idempotency key); ``beside_russian``:
    the body is, so a short field reading as Russian is, in whichever charset it reads so."""
    if field.isascii():
        return iso_2022_jp(field) or field.decode("ascii")
    for label in _tried_in(field, declared):
        if label is None:
            continue
        try:
            codec = charset_codec(label)
            if (russian := cyrillic_under(field, codec)) is not None:
                return russian  # what a Latin-1 label reads as accents alone
            text = field.decode(codec)
        except (LookupError, UnicodeError):
            continue
        if codec == BIG5 and gb18030_rather_than_big5(field):
            return field.decode(FALLBACK)  # the sender's GBK beside a Big5 body it quotes
        if not garbled(field, text, codec):
            return text
    if beside_russian and (found := beside_cyrillic(field)) is not None:
        return found[1]
    return guessed_text(field, as_written=True, whole=whole)


def _tried_in(field: bytes, declared: str | None) -> tuple[str | None, str | None]:
    """The charsets ``field`` is read in, in turn: UTF-8, then the declared one — the
    other way round under a GB label (GB2312, GBK) where the field reads as GB18030 and
    is not UTF-8 as Chinese is written in it: a raw GBK Subject may be valid UTF-8 too
    (谢谢 as лл), while a UTF-8 one holds characters of three bytes. Never a UTF-16 or
    UTF-32 label: no raw header is written so (its line end would be two bytes), and so
    read it pairs its line end with the next header's first byte."""
    try:
        if declared is not None and code_unit(charset_codec(declared)) > 1:
            return ("utf-8", None)
        gb = declared is not None and charset_codec(declared) == FALLBACK
        if gb and field.decode(FALLBACK) and not utf8_rather_than_gb18030(field):
            return (declared, "utf-8")
    except (LookupError, UnicodeError):
        pass
    return ("utf-8", declared)


def _reads_as(data: bytes, but: str) -> str:
    """What a refusal of header bytes ``data`` adds: the charsets that read them, as a
    body's refusal names them; ``""`` for none."""
    readings = clean_readings(data, but)
    return f"; it reads as {' or '.join(readings)}" if readings else ""


def _check_encoded_words(name: str, value: str) -> None:
    """Refuse ``value`` if one of its encoded words (``=?utf-8?B?…?=``) cannot be decoded."""
    if "=?" not in value:
        return
    try:
        words = decode_header(value)
    except email.errors.HeaderParseError:
        raise InvalidInput(name, "holds an encoded word that cannot be decoded") from None
    latin: list[bytes] = []  # the words in Western Europe's charsets, read together
    for chunk, declared in words:
        if declared is None or isinstance(chunk, str):
            continue
        label = declared.split("*")[0]  # RFC 2231 language: =?utf-8*en?Q?…?=
        try:
            chunk.decode(codec := charset_codec(label))
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                name,
                f"holds an encoded word that is not valid {label} ({exc.reason})"
                + _reads_as(chunk, codec),
            ) from None
        except (LookupError, UnicodeError):
            raise InvalidInput(
                name, f"holds an encoded word in unknown charset {label!r}"
            ) from None
        if eight_bit_under_wide(chunk, codec):  # read so, characters no one wrote
            readings = " or ".join(clean_readings(chunk, codec))
            raise InvalidInput(
                name,
                f"holds an encoded word labelled {label} that holds no NUL byte, as 8-bit "
                f"text does" + (f"; it reads as {readings}" if readings else ""),
            )
        if western(codec):
            latin.append(chunk)
    if latin and (meant := not_western(b" ".join(latin))) is not None:
        raise InvalidInput(
            name,
            "holds encoded words labelled with a Western European charset that are in "
            f"another: read so, their characters beyond ASCII stand together as no Western "
            f"text's accented letters do; they read as {meant}",
        )
