"""RFC 2231 parameter pieces decoded joined, as the bytes they were cut from.

Mailers cut a long parameter (an attachment's Chinese file name) into pieces of equal
length, not at characters: ``filename*0*=gbk''%D6%EC%EF; filename*1*=%D8…``. The standard
library decodes each piece on its own, so a character cut between two came out as
replacement characters beside characters no one wrote (朱�F基发票.pdf). A parameter whose
pieces are numbered from 0 without a gap or a repeat, the first naming its charset, is
written as the one ``filename*=gbk''…`` that holds them all (under a label no codec reads
too, read as guessed once joined); any other is left as written.
"""

from __future__ import annotations

import re
import urllib.parse

from complaintkit.channels.mail_charsets import charset_codec

#: One piece of a parameter: its name, number, whether it is %-encoded, and its value.
_PIECE = re.compile(r"([^\s*=]+)\*(\d{1,3})(\*?)\s*=\s*(.*)", re.DOTALL)

#: A piece as found: where it is among the parameters, whether %-encoded, its value.
_Piece = tuple[int, bool, str]


def joined_sections(value: str) -> str:
    """``value``, a MIME header, with each parameter's RFC 2231 pieces written as one."""
    parameters = _split(value)
    pieces: dict[str, dict[int, _Piece]] = {}
    repeated = set()
    for at, parameter in enumerate(parameters[1:], start=1):
        found = _PIECE.fullmatch(parameter.strip())
        if found is not None:
            name, number, encoded, written = found.groups()
            numbered = pieces.setdefault(name.lower(), {})
            if int(number) in numbered:
                repeated.add(name.lower())
            numbered[int(number)] = (at, bool(encoded), written)
    for name, numbered in pieces.items():
        joined = None if name in repeated else _joined(numbered, parameters)
        if joined is None:
            continue
        places = [at for at, _, _ in numbered.values()]
        parameters[places[0]] = joined
        for at in places[1:]:
            parameters[at] = ""
    return ";".join(p for at, p in enumerate(parameters) if p or at == 0)


def _joined(numbered: dict[int, _Piece], parameters: list[str]) -> str | None:
    """The pieces as one parameter (`` name*=charset'language'%XX…``), or ``None`` when
    they are one or out of order."""
    if len(numbered) < 2 or sorted(numbered) != list(range(len(numbered))):
        return None
    first, encoded, written = numbered[0]
    if not encoded or written.count("'") < 2:
        return None
    label, language, start = _unquoted(written).split("'", 2)
    codec = _codec(label)
    try:
        text = [
            _quoted(_unquoted(written), "%" if encoded else "", codec)
            for _, encoded, written in (numbered[n] for n in range(1, len(numbered)))
        ]
        start = _quoted(start, "%", codec)
    except UnicodeError:  # a character the label's charset does not hold: left as written
        return None
    name = parameters[first].strip().split("*", 1)[0]
    return f" {name}*={label}'{language}'{start}{''.join(text)}"


def _quoted(text: str, safe: str, codec: str) -> str:
    """``text`` %-encoded in ``codec``; the raw 8-bit bytes no charset read (held as the
    parser's surrogate escapes) as the bytes they are."""
    return urllib.parse.quote(text.encode(codec, "surrogateescape"), safe=safe)


def _codec(label: str) -> str:
    """The codec of ``label``; UTF-8 for one no codec reads, nor a codec of bytes
    (``base64``, ``zlib``), whose bytes are guessed once joined (``mail_name_guess``): a
    piece not %-encoded is ASCII as mailers write it."""
    try:
        codec = charset_codec(label)
        "".encode(codec)  # LookupError for a codec of bytes, which encodes no text
    except LookupError:
        return "utf-8"
    return codec


def _unquoted(written: str) -> str:
    """A parameter's value without the quotes around it, nor the backslashes in it."""
    if len(written) < 2 or not (written.startswith('"') and written.endswith('"')):
        return written
    return re.sub(r"\\(.)", r"\1", written[1:-1], flags=re.DOTALL)


def _split(value: str) -> list[str]:
    """``value`` cut at each ``;`` outside a quoted string (``name="a; b"`` is one)."""
    parameters: list[str] = []
    start, quoted, escaped = 0, False, False
    for at, character in enumerate(value):
        if escaped:
            escaped = False
        elif quoted and character == "\\":
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character == ";" and not quoted:
            parameters.append(value[start:at])
            start = at + 1
    parameters.append(value[start:])
    return parameters
