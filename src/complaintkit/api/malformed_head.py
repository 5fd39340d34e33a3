"""Which line of a request's head the server could not read, and what is wrong with it.

The HTTP parser refuses a malformed request line or header without saying which (its own
words are its own, and change between releases), so the 400 said only that "its request
line or a header is malformed". A client's author then has a request of forty headers to
search. Here the head is read again, one line at a time, by the same parser — a line it
takes on its own it takes in the head, so the first line it refuses is the one — and the
line is named by its number and start, with what a person would mend in it. What only the
whole head shows (no ``Host``, two lengths) is looked for when every line reads alone.
"""

from __future__ import annotations

import re

import h11

#: The start of a line an answer shows; a header may be a cookie of kilobytes.
_SHOWN = 60
_TOKEN = re.compile(rb"[-!#$%&'*+.^_`|~0-9a-zA-Z]+")
_STAND_IN_HOST = b"host: complaintkit.invalid"
#: The most header lines read one at a time: each costs a parse, and a refused head of 16
#: KiB may hold thousands (a client's real requests hold a few dozen).
_MOST_LINES = 100
_FOLDED = "begins with a blank, folded onto the header before: write each on one line"


def first_fault(head: bytes) -> str | None:
    """What is wrong with ``head`` (a request's line and headers, as they came), naming
    the line; ``None`` if each line and the whole read well."""
    lines = head.split(b"\n")
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    if not lines[0]:
        return "line 1 is empty: a request begins with its request line, METHOD PATH HTTP/1.1"
    if b"" in lines:
        lines = lines[: lines.index(b"")]
    request, *headers = lines
    if not _reads([request, _STAND_IN_HOST]):
        return _named(1, request, _request_line_fault(request))
    for number, line in enumerate(headers[:_MOST_LINES], start=2):
        if not _reads([request, line] if _is_host(line) else [request, _STAND_IN_HOST, line]):
            return _named(number, line, _header_fault(line))
    if len(headers) > _MOST_LINES and not _reads([request, *headers]):
        return f"one of its headers after the first {_MOST_LINES} is refused (it sent {len(headers):,})"
    return _whole_head_fault(request, headers)


def _reads(lines: list[bytes]) -> bool:
    """Whether the parser takes ``lines`` as a request's head."""
    connection = h11.Connection(h11.SERVER)
    connection.receive_data(b"\r\n".join(lines) + b"\r\n\r\n")
    try:
        return isinstance(connection.next_event(), h11.Request)
    except h11.RemoteProtocolError:
        return False


def _is_host(line: bytes) -> bool:
    return line.split(b":", 1)[0].strip().lower() == b"host"


def _named(number: int, line: bytes, fault: str) -> str:
    shown = line[:_SHOWN].decode("latin-1").encode("unicode_escape").decode("ascii")
    more = f"… ({len(line):,} bytes)" if len(line) > _SHOWN else ""
    return f"line {number} ({shown}{more}) {fault}"


def _request_line_fault(line: bytes) -> str:
    parts = line.split(b" ")
    if len(parts) != 3 or not all(parts):
        return "is no request line: write METHOD PATH HTTP/1.1, one space between each"
    method, _, version = parts
    if not _TOKEN.fullmatch(method):
        return "starts with no method: write it as POST or GET"
    if not re.fullmatch(rb"HTTP/\d\.\d", version):
        return "ends with no version: write HTTP/1.1"
    return "has a path the server cannot read: write it in printable ASCII, %-encoding the rest"


def _header_fault(line: bytes) -> str:
    name, colon, value = line.partition(b":")
    return _name_fault(line, name, colon) or _value_fault(name, value)


def _name_fault(line: bytes, name: bytes, colon: bytes) -> str | None:
    if line[:1] in (b" ", b"\t"):
        return _FOLDED
    if not colon:
        return "has no colon: a header is written NAME: VALUE"
    if not name:
        return "has no name before its colon: a header is written NAME: VALUE"
    if name != name.rstrip(b" \t"):
        return "has a blank before its colon: write NAME: VALUE"
    if not _TOKEN.fullmatch(name):
        return "has a name holding a character no name may (a blank, a bracket, a non-ASCII letter)"
    return None


def _value_fault(name: bytes, value: bytes) -> str:
    if re.search(rb"[\x00\x0b\x0c\r]", value):
        return "has a value holding a character no header may (a NUL, a line break, a form feed)"
    if name.lower() == b"content-length":
        return "gives a Content-Length that is no whole number of bytes: write it in digits"
    if name.lower() == b"transfer-encoding":
        return "gives a Transfer-Encoding other than chunked, the one this server reads"
    return "is refused: write it as NAME: VALUE in printable ASCII"


def _whole_head_fault(request: bytes, headers: list[bytes]) -> str | None:
    """A fault of the whole head: each line reads alone, but not the head."""
    if _reads([request, *headers]):
        return None
    for number, line in enumerate(headers, start=2):
        if line[:1] in (b" ", b"\t"):  # read alone, it folds onto the stand-in Host
            return _named(number, line, _FOLDED)
    return _repeated_fault(request, headers) or (
        "its headers are refused together, each line read well alone"
    )


def _repeated_fault(request: bytes, headers: list[bytes]) -> str | None:
    """A header given twice, or a Host not given, that the whole head is refused for."""
    named: dict[bytes, list[bytes]] = {}
    for line in headers:
        name, _, value = line.partition(b":")
        named.setdefault(name.strip().lower(), []).append(value.strip())
    hosts = named.get(b"host", [])
    if len(hosts) > 1:
        return "its headers name the Host twice: send one Host header"
    if not hosts and request.endswith(b"HTTP/1.1"):
        return "its headers name no Host, which every HTTP/1.1 request sends"
    if len(set(named.get(b"content-length", []))) > 1:
        return "its headers give two different Content-Lengths: send one"
    if len(named.get(b"transfer-encoding", [])) > 1:
        return "its headers give Transfer-Encoding twice: send one, chunked"
    return None
