"""The byte order of UTF-16 text that carries no byte order mark.

Python's ``utf-16`` codec reads such text in the machine's order (little-endian), while
RFC 2781 §4.3 reads it big-endian, as Java's and .NET's big-endian encoders write it.
Neither is safe alone: Windows scripts send little-endian text labelled ``utf-16`` too.
The text itself tells most often: ASCII's NUL falls before each character big-endian and
after it little-endian, and Chinese, Japanese or Korean read in the wrong order is mostly
characters no one writes (漏水 as U+0F6F U+346C)."""

from __future__ import annotations

BIG_ENDIAN = "utf-16-be"
LITTLE_ENDIAN = "utf-16-le"

#: Ranges of characters that text read in its own byte order is mostly made of besides
#: ASCII: CJK punctuation, kana, common Chinese characters, Hangul, fullwidth forms.
_COMMON = ((0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xFF01, 0xFF5E))


def unmarked_utf16_order(data: bytes) -> str:
    """The codec that reads ``data``, UTF-16 with no byte order mark, in its own order:
    the one reading more common characters, ASCII counted twice (read the other way each
    lower-case letter is a Chinese character: ``e`` as 攀), else big-endian as RFC 2781
    says."""
    if _score(data, LITTLE_ENDIAN) > _score(data, BIG_ENDIAN):
        return LITTLE_ENDIAN
    return BIG_ENDIAN


def _score(data: bytes, codec: str) -> int:
    """How common the characters of ``data`` read with ``codec`` are: two for each ASCII
    one, one for each other common one; -1 if it does not read at all (a lone
    surrogate)."""
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return -1
    ascii_count = sum("\t" <= c <= "~" for c in text)
    others = sum(any(low <= ord(c) <= high for low, high in _COMMON) for c in text)
    return 2 * ascii_count + others
