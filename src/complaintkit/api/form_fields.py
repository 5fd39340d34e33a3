"""The text fields of a submitted form, urlencoded (the built-in form) or multipart (a site's
own form that also lets the customer attach a file).

Both are read in the charset the body declares (``Content-Type: …; charset=gbk`` for an
urlencoded body, each part's own for multipart): GBK bytes are often valid UTF-8 too, so a
declared charset read as UTF-8 would keep words the customer never wrote. A browser names
no charset, writing the page's own, so a body naming none is read as UTF-8, else as GB18030
(a site's own form on a GBK page), as unnamed mail is. A value no reading takes whole is
read with its bad bytes replaced, for the form shown again, and named to the caller, who
refuses it: a case must not open with the customer's words replaced by ``�``. A body of
more than ``MAX_FIELDS`` fields is read no further and named so (``TOO_MANY_FIELDS``), for
the caller to refuse: a body of many thousand costs no more than a form's, and no field
past the limit is dropped unseen. A charset holding a stray byte beyond ASCII
(``charset=utf-8\xff``) names none, and is named so too (``charset_param.stray_byte``): its
fields would be guessed at. So is a multipart body whose boundary is not named or never
opens a line (``NO_BOUNDARY``, ``BOUNDARY_UNSEEN``): read as no fields, the customer's words
would be dropped unseen. So is a part giving a header its field is read by twice,
differently (``GIVEN_TWICE``): read by the first, as the MIME parser reads it, the other
may have been meant. A body so named is kept as sent (``kept_as_sent``). Files are not fields: an attached photo is left out (complaintkit keeps no upload).
Multipart is read with the standard library's MIME parser, no extra package.
"""

from __future__ import annotations

import email.policy
from collections.abc import Collection, Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Final
from urllib.parse import unquote_to_bytes

from complaintkit.channels import charset_param
from complaintkit.channels.mail_charsets import (
    charset_codec,
    cyrillic_under,
    eight_bit_under_wide,
    guessed_text,
    utf8_cut_short,
)
from complaintkit.model.readable_as import misread

#: How many fields (or multipart parts, files too) a form may send: far more than a form a
#: customer fills in holds, few enough that reading their heads stays cheap.
MAX_FIELDS: Final = 256
#: Why a form of more fields is refused: those past the limit were never read.
TOO_MANY_FIELDS: Final = f"form with more than {MAX_FIELDS:,} fields, the most read"
#: The longest header block a part may have: a browser writes a line or two.
_LONGEST_HEAD: Final = 8192
_MULTIPART: Final = "multipart/form-data"
#: What every name and separator of an urlencoded body is written in.
_ASCII: Final = bytes(range(32, 127))


def read_form(body: bytes, content_type: str, keys: Collection[str]) -> dict[str, str]:
    """The first value of each of ``keys`` the form sent (``read_fields`` without the
    repeats, for a body cut short that is refused anyway)."""
    return read_fields(body, content_type, keys)[0]


def read_fields(
    body: bytes,
    content_type: str,
    keys: Collection[str],
    unread: list[str] | None = None,
    *,
    broken: list[str] | None = None,
    most: int | None = MAX_FIELDS,
) -> tuple[dict[str, str], list[str]]:
    """The first value of each of ``keys`` the form sent, and those of ``keys`` it sent more
    than once (blank values are no field): which one the customer meant is unclear, so the
    caller refuses them. Other fields are ignored, repeated or not (a browser, an extension
    or a site's template may add a button's value, a checkbox group or a CSRF token).
    Each of ``keys`` whose value is not text in its charset is appended to ``unread``; why
    a body is malformed (``UNCLOSED``, ``PART_AFTER_CLOSE``) or not read whole
    (``TOO_MANY_FIELDS``, past ``most`` fields; ``None``: every field is read, as a
    retry of a form kept whole reads it), to ``broken``."""
    noted = [] if broken is None else broken
    if is_multipart(content_type):
        pairs = _multipart(body, content_type, noted, most)
    else:
        charset = declared_charset(content_type)
        if why := charset_param.stray_byte(charset):
            _note(noted, f"Content-Type: {why}")
        pairs = _urlencoded(body, charset, noted, most)
    values: dict[str, str] = {}
    repeated: list[str] = []
    for key, (value, whole) in pairs:
        if key not in keys:
            continue
        if key not in values:
            values[key] = value
            if not whole and unread is not None:
                unread.append(key)
        elif key not in repeated:
            repeated.append(key)
    return values, repeated


def kept_as_sent(broken: Collection[str]) -> str | None:
    """Why a form ``read_fields`` found ``broken`` is to be kept as its body was sent, not
    as the fields read: some were never read (past the limit, or a multipart body whose
    parts cannot be found), or read in a charset its sender did not name (one holding a
    stray byte), or by one of a part's headers given twice differently; ``None`` when all
    were read as sent."""
    unread = [
        why
        for why in broken
        if why in (TOO_MANY_FIELDS, NO_BOUNDARY, BOUNDARY_UNSEEN)
        or charset_param.NOT_A_NAME in why
        or GIVEN_TWICE in why
    ]
    return "; ".join(unread) or None


def is_multipart(content_type: str) -> bool:
    return content_type.split(";", maxsplit=1)[0].strip().lower() == _MULTIPART


def _content_type(content_type: str) -> EmailMessage:
    """The header as the MIME parser reads it, for its parameters (quoted or not). A last
    parameter the parser fails on (``x*``, a name alone with RFC 2231's mark, raises its
    IndexError) is left out, the ones before it read."""
    # a header may carry bytes from 0x80 on, read as Latin-1: 0x85 is a line break to
    # Python (NEL), which the parser refuses inside a header
    header = " ".join(content_type.splitlines())
    while True:
        message = EmailMessage(policy=email.policy.HTTP)
        try:
            message["Content-Type"] = header
        except IndexError:
            if ";" not in header:  # (none seen: a type alone parses)
                return EmailMessage(policy=email.policy.HTTP)
            header = header.rpartition(";")[0]
            continue
        return message


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a ``Content-Type``, lower-cased (quoted or not)."""
    return charset_param.declared_charset(_content_type(content_type), content_type)


def _urlencoded(
    body: bytes, charset: str | None, broken: list[str], most: int | None
) -> Iterator[tuple[str, tuple[str, bool]]]:
    """The pairs of the body, percent-decoded to bytes and only then read in ``charset``:
    as ``parse_qsl`` reads them, but for the charset, and a pair without ``=`` or with a
    blank value is no field. A charset that does not read ASCII as ASCII (UTF-16) cannot
    have written the names and the ``&`` and ``=`` between them: it is read as UTF-8, as
    browsers do (WHATWG URL, urlencoded parsing). An empty pair (``a=1&&b=2``, a trailing
    ``&``) is no field and not counted."""
    if _decoded(_ASCII, charset) != _ASCII.decode():
        charset = None
    pairs = (pair for pair in body.split(b"&") if pair)
    for count, pair in enumerate(pairs):
        if count == most:
            _note(broken, TOO_MANY_FIELDS)
            return
        key, found, value = pair.partition(b"=")
        if found and value:
            yield _decoded(_unquoted(key), charset), _read(_unquoted(value), charset)


def _unquoted(written: bytes) -> bytes:
    return unquote_to_bytes(written.replace(b"+", b" "))


#: Why a multipart body is malformed, as the mail channel says it of a message.
UNCLOSED: Final = "multipart form whose closing boundary never appears: it may be cut short"
PART_AFTER_CLOSE: Final = "multipart form with a part after its closing boundary"
#: Why a multipart body's parts cannot be found: read as no fields, the customer's words
#: would be dropped unseen. Kept as sent, for a retry naming the boundary (``-o form=``).
NO_BOUNDARY: Final = (
    "multipart form whose Content-Type names no boundary (none, an empty one, or one "
    "beyond ASCII): its parts cannot be found; retry it naming the boundary its parts open "
    "with (-o form='multipart/form-data; boundary=...')"
)
BOUNDARY_UNSEEN: Final = (
    "multipart form whose body holds no line opening with the boundary its Content-Type "
    "names: its parts cannot be found; retry it naming the boundary its parts open with "
    "(-o form='multipart/form-data; boundary=...')"
)


def _multipart(
    body: bytes, content_type: str, broken: list[str], most: int | None
) -> Iterator[tuple[str, tuple[str, bool]]]:
    """The text fields of the first ``most`` parts. The body is cut at its boundary
    lines here, and only each part's head goes through the MIME parser: the parser reads a
    whole body line by line, which took seconds for megabytes of an attached file. A part
    after the closing line is read all the same, and a last part never closed without
    the line break (or the start of a closing line) after it; ``broken`` says which, and
    whether parts were left unread past the limit."""
    boundary = _boundary(content_type)
    if boundary is None:
        if body.strip():  # something was sent, and no part of it can be told apart
            _note(broken, NO_BOUNDARY)
        return
    newline = _newline(body, boundary)
    delimiter = newline + b"--" + boundary
    body = newline + body  # the first boundary line may open the body
    start = _boundary_line(body, delimiter, newline, 0)
    if start < 0 and body.strip():
        _note(broken, BOUNDARY_UNSEEN)
    parts = 0
    while start >= 0:
        start += len(delimiter)
        end = _boundary_line(body, delimiter, newline, start)
        part = body[start : len(body) if end < 0 else end]
        if part.startswith(b"--"):  # the closing boundary line
            if end < 0 or body.startswith(b"--", end + len(delimiter)):
                return  # the body's end, or only closing lines after it
            _note(broken, PART_AFTER_CLOSE)
            start = end
            continue
        if parts == most:
            _note(broken, TOO_MANY_FIELDS)
            return
        parts += 1
        if end < 0:
            _note(broken, UNCLOSED)
            part = _without_closing(part, newline, delimiter + b"--" + newline)
        field = _field(part, newline, broken, parts)
        if field is not None:
            yield field
        start = end


def _note(broken: list[str], reason: str) -> None:
    if reason not in broken:
        broken.append(reason)


def _without_closing(part: bytes, newline: bytes, closing: bytes) -> bytes:
    """``part`` without what began the ``closing`` line it lacks: the line break before
    it, or more of it (``\r\n--b-``). That line holds no line break but its first and
    last, so only what follows the part's last line break (or a lone CR) can be its start."""
    at = part.rfind(newline)
    if at >= 0 and closing.startswith(part[at:]):
        return part[:at]
    return part[:-1] if newline == b"\r\n" and part.endswith(b"\r") else part


def _newline(body: bytes, boundary: bytes) -> bytes:
    """The body's line break, as its first boundary line ends: CRLF as RFC 7578 asks, or a
    bare LF, which some clients send and the MIME parser reads too."""
    first = body.find(b"--" + boundary)
    end = body.find(b"\n", max(first, 0))
    return b"\n" if end > 0 and body[end - 1 : end] != b"\r" else b"\r\n"


def _boundary_line(body: bytes, delimiter: bytes, newline: bytes, start: int) -> int:
    """Where the next boundary line begins: the delimiter, then ``--`` or blanks up to the
    line's end (``--b`` inside a line, or ``--bx``, is text)."""
    at = body.find(delimiter, start)
    while at >= 0:
        rest = at + len(delimiter)
        line_end = body.find(newline, rest)
        tail = body[rest : len(body) if line_end < 0 else line_end]
        if tail.startswith(b"--") or not tail.strip(b" \t"):
            return at
        at = body.find(delimiter, rest)
    return -1


def _boundary(content_type: str) -> bytes | None:
    boundary = _content_type(content_type).get_boundary()
    if not boundary or not boundary.isascii():
        return None
    return boundary.encode("ascii")


def _field(
    part: bytes, newline: bytes, broken: list[str], number: int
) -> tuple[str, tuple[str, bool]] | None:
    """Part ``number``'s (name, text), unless it is a file, names no field or is blank (a
    blank field is no field, as urlencoded); a charset naming none, or a header its value
    is read by given twice differently, is noted in ``broken``."""
    _, _, part = part.partition(newline)  # the rest of the boundary line
    head, found, payload = part.partition(newline + newline)
    if not found or part.startswith(newline) or len(head) > _LONGEST_HEAD:
        return None  # no header (so no name), or more than a browser writes
    parsed = BytesParser(_class=EmailMessage, policy=email.policy.HTTP).parsebytes(
        head + b"\r\n\r\n"
    )
    name = parsed.get_param("name", header="content-disposition")
    for header in _READ_BY:  # before a file is left out: the other one may name a field
        if twice := _given_twice(parsed, header):
            field = f" (field {name!r})" if isinstance(name, str) else ""
            _note(broken, f"part {number}{field} {twice}")
    if not isinstance(name, str) or parsed.get_filename() is not None:
        return None  # a file, or a part that names no field
    if parsed.get("content-transfer-encoding") is not None:  # (no browser sends one)
        parsed.set_payload(payload)
        decoded = parsed.get_payload(decode=True)
        payload = decoded if isinstance(decoded, bytes) else b""
    if not payload:
        return None
    charset = charset_param.declared_charset(parsed)
    if why := charset_param.stray_byte(charset):
        _note(broken, f"field {name!r}: {why}")
    return name, _read(payload, charset)


#: The headers a part's field is read by, of which the MIME parser takes the first.
_READ_BY: Final = ("Content-Disposition", "Content-Type", "Content-Transfer-Encoding")
#: What every note of a part giving such a header twice, differently, says.
GIVEN_TWICE: Final = "which one holds is unclear"
#: How much of a header's value a note quotes.
_SHOWN: Final = 80


def _given_twice(part: EmailMessage, header: str) -> str:
    """Why ``part``, giving ``header`` more than once and differently (a proxy's
    ``charset=gbk`` above the page's ``charset=utf-8``, two names), cannot be read: by the
    first, its words may be garbled or filed under the wrong field; ``""`` when it is not."""
    values = [str(value) for value in part.get_all(header) or []]
    if len({" ".join(value.lower().split()) for value in values}) < 2:
        return ""
    shown = " and ".join(repr(value.strip()[:_SHOWN]) for value in values[:2])
    return f"gives {header} {len(values)} times, differently ({shown}); {GIVEN_TWICE}"


def _read(payload: bytes, charset: str | None) -> tuple[str, bool]:
    """A value as text and whether it was read whole: in the declared charset (GBK as its
    superset GB18030), else — none declared, or none Python reads text in — as UTF-8,
    else as GB18030 when it reads as Chinese people write it. One that no reading takes
    whole, or that the charset read in reads only as characters no one writes together,
    is not whole (read as ``_decoded`` reads it)."""
    if charset is not None:
        try:
            codec = charset_codec(charset)
            if (text := cyrillic_under(payload, codec)) is not None:
                return text, True  # Russian under a Latin-1 label, read as a mail part is
            if eight_bit_under_wide(payload, codec):  # read so, Hangul no one wrote
                return payload.decode(codec, "replace"), False
            # Big5 labelled gbk reads whole, as characters no one writes together
            return payload.decode(codec), misread(payload, codec) is None
        except UnicodeDecodeError:
            return _decoded(payload, charset), False
        except (LookupError, UnicodeError):  # no text charset: as if none were named
            pass
    if utf8_cut_short(payload) is not None:  # a gateway truncating mail makes it, no
        return _decoded(payload, None), False  # browser: read, it ends in "\ufffd"
    text = guessed_text(payload, as_written=True)  # Big5 as GB18030 is not, as in mail
    return (text, True) if text is not None else (_decoded(payload, None), False)


def _decoded(payload: bytes, charset: str | None) -> str:
    """The payload in the declared charset (as ``charset_codec`` reads it), else in UTF-8
    (what browsers send): a charset Python does not know, one naming no text encoding
    (``zlib``) or a text codec no text is written in (``unicode_escape``) is no reason to
    refuse the complaint."""
    try:
        return payload.decode(charset_codec(charset) if charset else "utf-8", "replace")
    except (LookupError, UnicodeError, ValueError):  # ValueError: a name holding NUL
        return payload.decode("utf-8", "replace")
