"""What a file is by its first bytes, when it is no text at all.

An SOP kept in a workbook, a PDF of it, or an export still compressed is handed where text
is read — as a policy, as a channel's source. Read as text it fails on some byte far in, or
as a thousand lines no JSON holds; named by what it is, the author knows what to do.
"""

from __future__ import annotations

from typing import Final

ZIP: Final = "a ZIP archive (an Excel .xlsx or Word .docx file is one)"
OLD_OFFICE: Final = "an old Microsoft Office file (.xls or .doc)"
GZIP: Final = "gzip-compressed"
#: (first bytes, what a file starting with them is); none of them starts any text.
KINDS: Final = (
    (b"PK\x03\x04", ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLD_OFFICE),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", GZIP),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "a SQLite database (a store, named with --db)"),
)
#: Bytes enough to tell every kind.
SNIFFED: Final = max(len(magic) for magic, _ in KINDS)


def file_kind(start: bytes) -> str | None:
    """What a file beginning with ``start`` is, when one of ``KINDS``; else None."""
    return next((kind for magic, kind in KINDS if start.startswith(magic)), None)


def undecided(start: bytes) -> bool:
    """Whether more bytes after ``start`` could still make it one of ``KINDS``: what a
    reader of a stream that cannot go back waits for before deciding."""
    return any(len(start) < len(magic) and magic.startswith(start) for magic, _ in KINDS)
