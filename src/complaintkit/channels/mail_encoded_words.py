"""Encoded words read as the header check reads them: whole, in their label's superset.

Mailers cut a header's bytes into encoded words of equal length, not at characters: a
GBK subject 外卖送晚了 may be ``=?gbk?B?zeLC?= =?gbk?B?9MvNze3Byw==?=``, 外 and half of
卖 in the first word. RFC 2047 ignores the white space between adjacent encoded words, but
the standard library decodes each word on its own, and the halves of such a character come
out as replacement characters beside characters no one wrote (外�羲屯砹�). A run of
adjacent words in one charset, one of which does not decode on its own while all of them
together do, is written as one word.

A word's label names the charset its writers use the superset of as often as not (GB2312
holding GBK's 镕, Big5 Hong Kong's 𨋢, Shift_JIS Windows' ①), which the standard library
reads in the label's strict codec, as replacement characters: each word is labelled with
the codec a body part so labelled is read with (``mail_charsets.charset_codec``). So is
a MIME parameter's RFC 2231 charset (an attachment's ``filename*=gb2312''%D6%EC…``). A
word labelled ``unknown-8bit`` or ``x-unknown`` (RFC 1428) is read as an unlabelled part
is (``mail_charsets.guessed_text``) and written as UTF-8.
"""

from __future__ import annotations

import base64
import codecs
import itertools
import re
from email.errors import HeaderParseError
from email.header import decode_header

from complaintkit.channels.mail_charsets import UNNAMED, charset_codec, guessed_text, western
from complaintkit.channels.utf16_order import BIG_ENDIAN, unmarked_utf16_order
from complaintkit.model.cyrillic_text import CHARSETS as CYRILLIC
from complaintkit.model.cyrillic_text import mislabelled_latin, other_cyrillic

#: One encoded word: ``=?charset?B-or-Q?text?=``.
_WORD = r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?="
#: Encoded words one after another, only white space (folded lines too) between them.
_RUN = re.compile(rf"{_WORD}(?:\s+{_WORD})+")
_ONE = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")

#: An encoded word with no text (``=?utf-8?B??=``, base64 padding alone ``=?utf-8?B?=?=``),
#: standing apart from other text as encoded words do.
_EMPTY = re.compile(r"(?<!\S)=\?[^?\s]+\?(?:[bB]\?=*|[qQ]\?)\?=(?!\S)")

#: The charset an RFC 2231 parameter value starts with (``filename*=gb2312''…``, or its
#: first piece ``filename*0*=gb2312''…``).
_PARAMETER_CHARSET = re.compile(r"""(\*(?:0\*)?=\s*"?)([^'"\s;=]+)'""")

#: UTF-16's byte order marks, which say its order whatever its label.
_UTF16_MARKS = (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)

#: An encoded word as written, its bytes, and its charset in lower case.
_Word = tuple[str, bytes, str]


def without_empty_words(value: str) -> str:
    """``value`` without its encoded words that hold no text: they say nothing, and between
    words that split a character or base64 letters they kept those from being read together
    (the standard library keeps one of padding alone raw in the text)."""
    return _EMPTY.sub("", value)


def joined_letters(value: str) -> str:
    """``value`` with each run of adjacent base64 words in one charset whose letters a
    mailer cut inside a group of four (``=?utf-8?B?5aSW5?= =?utf-8?B?Y2W?=``, or before
    its padding) written as one word; as it is otherwise when each word is whole base64
    that reads on its own (a mailer leaving out the padding of words each whole)."""
    return _RUN.sub(_joined_letters_run, value)


def _joined_letters_run(run: re.Match[str]) -> str:
    pieces: list[list[tuple[str, str, str]]] = []
    for word in _ONE.finditer(run.group()):
        label, encoding, text = word.groups()
        if pieces and _cut_inside_letters(pieces[-1], label, encoding):
            pieces[-1].append((label, encoding, text))
        else:
            pieces.append([(label, encoding, text)])
    if all(len(piece) == 1 for piece in pieces):
        return run.group()
    return " ".join(_letters_word(piece) for piece in pieces)


def _cut_inside_letters(piece: list[tuple[str, str, str]], label: str, encoding: str) -> bool:
    """Whether the base64 of ``piece``'s words stops inside a group of four letters (its
    padding too), and a word labelled ``label`` in ``encoding`` goes on with it: base64 in
    the same charset."""
    first_label, first_encoding, _ = piece[0]
    letters = "".join(text for _, _, text in piece)
    return (
        first_encoding in "bB"
        and encoding in "bB"
        and label.lower() == first_label.lower()
        and len(letters) % 4 != 0
    )


def _letters_word(piece: list[tuple[str, str, str]]) -> str:
    """``piece``'s words as one, unless each is whole base64 and their bytes, joined, read
    while their letters together are other bytes (words each whole but left unpadded, a
    character split between them: ``ow`` and ``AOcA``, £ç in UTF-16, are not ``owAOcA``)."""
    label = piece[0][0]
    written = " ".join(f"=?{label}?{encoding}?{text}?=" for _, encoding, text in piece)
    together = _letters_read("".join(text for _, _, text in piece))
    if len(piece) == 1 or together is None:
        return written  # the header check names what is wrong
    alone = [_letters_read(text, whole=True) for _, _, text in piece]
    if all(data is not None for data in alone) and together != b"".join(filter(None, alone)):
        if _reads(b"".join(filter(None, alone)), label.lower()):
            return written  # their bytes are the text, a character split between them too
        if not _reads(together, label.lower()):
            return written
    return f"=?{label}?B?{base64.b64encode(together).decode('ascii')}?="


def _letters_read(letters: str, *, whole: bool = False) -> bytes | None:
    """The bytes of base64 ``letters``, padded or not; ``None`` when they hold none (a
    last letter alone) and, ``whole``, when they are not as an encoder ends them: padded
    to four letters or left unpadded, no bit set past the last byte."""
    try:
        data = base64.b64decode(letters + "=" * (-len(letters.rstrip("=")) % 4))
    except ValueError:
        return None
    if whole:
        canonical = base64.b64encode(data).decode("ascii")
        if letters not in (canonical, canonical.rstrip("=")):
            return None
    return data


def joined_words(value: str) -> str:
    """``value`` with each run of adjacent encoded words in one charset that splits a
    character between them written as one encoded word; as it is otherwise."""
    return _RUN.sub(_joined_run, value)


def relabelled_words(value: str) -> str:
    """``value`` with each encoded word whose label is read in a superset (``gb2312``:
    GB18030) labelled with it, so that the standard library reads it so; and each labelled
    with Western Europe's charset, or a Cyrillic one, with the Cyrillic one its words, read
    together, are written in, when they are Russian in it (``mail_charsets.cyrillic_under``)."""
    cyrillic = _cyrillic_charsets(value)
    return _ONE.sub(lambda word: _relabelled(word, cyrillic), value)


def _cyrillic_charsets(value: str) -> dict[str, str]:
    """The Cyrillic charset the words of ``value`` labelled with each codec are written in,
    read together (one word of a subject cut into many is too short to tell), by the codec,
    where it is another; the Western European codecs are told apart by none."""
    words = [word for found in _ONE.finditer(value) if (word := _decoded(found.group()))]
    joined: dict[str, list[bytes]] = {}
    for _, data, label in words:
        joined.setdefault(_group(label), []).append(data)
    found = {codec: _russian(b" ".join(pieces), codec) for codec, pieces in joined.items()}
    return {codec: charset for codec, charset in found.items() if charset is not None}


def _russian(data: bytes, codec: str) -> str | None:
    """The Cyrillic charset ``data``, labelled with ``codec``, is Russian in, where it is
    another; else ``None``."""
    russian = (
        mislabelled_latin(data)
        if codec == _WESTERN
        else other_cyrillic(data, codec)
        if codec in CYRILLIC
        else None
    )
    return None if russian is None else russian[0]


#: What the Western European codecs are named by in ``_cyrillic_charsets``.
_WESTERN = "western"


def _group(label: str) -> str:
    """The codec ``label`` is read with (``_WESTERN`` for each of Western Europe's; ``""``
    for none)."""
    try:
        codec = charset_codec(label.split("*", maxsplit=1)[0])
    except LookupError:
        return ""
    return _WESTERN if western(codec) else codec


def relabelled_parameters(value: str) -> str:
    """``value``, a MIME header, with each RFC 2231 charset read in a superset labelled
    with it."""
    return _PARAMETER_CHARSET.sub(
        lambda found: f"{found.group(1)}{_superset(found.group(2))}'", value
    )


def _relabelled(word: re.Match[str], cyrillic: dict[str, str]) -> str:
    label, encoding, text = word.groups()
    if (charset := cyrillic.get(_group(label))) is not None:
        return f"=?{charset}?{encoding}?{text}?="
    if label.lower() in UNNAMED and (found := _decoded(word.group())) is not None:
        guessed = guessed_text(found[1], as_written=True)  # as a part so labelled is read
        if guessed is not None:
            return f"=?utf-8?B?{base64.b64encode(guessed.encode()).decode('ascii')}?="
    codec = _superset(label.split("*")[0])  # RFC 2231 language: =?gb2312*zh?B?…?=
    if _unmarked_big_endian(word.group(), codec):
        codec = "utf-16-be"
    return f"=?{codec}?{encoding}?{text}?=" if codec != label else word.group()


def _unmarked_big_endian(word: str, codec: str) -> bool:
    """Whether ``word``, labelled UTF-16 with no byte order mark, is big-endian, as a mail
    part so labelled is told (``utf16_order``): by its NULs (one before each ASCII
    character) or, without any (Chinese alone), by the order reading more common
    characters, else as RFC 2781 reads it. Python's codec reads it little-endian, ``Refund``
    as 刀攀昀甀渀搀 and 漏水 as U+0F6F U+346C."""
    try:
        if codecs.lookup(codec).name != "utf-16" or (found := _decoded(word)) is None:
            return False
    except (LookupError, ValueError):  # no codec reads the label (one with a NUL: the
        return False  # registry raises ValueError): the check refuses it
    data = found[1]
    if data.startswith(_UTF16_MARKS) or len(data) % 2:
        return False
    return unmarked_utf16_order(data) == BIG_ENDIAN


def _superset(label: str) -> str:
    """The codec that reads text labelled ``label``, when it is another than the label's
    strict one; ``label`` otherwise, and when no codec reads it (the check refuses it)."""
    try:
        codec = charset_codec(label)
    except LookupError:
        return label
    try:
        strict = codecs.lookup(label).name
    except LookupError:  # a label only the Encoding Standard knows (gb_2312-80)
        strict = None
    return label if strict == codec else codec


def _joined_run(run: re.Match[str]) -> str:
    words: list[_Word] = []
    for found in _ONE.finditer(run.group()):
        word = _decoded(found.group())
        if word is None:
            return run.group()  # a word the header check refuses, naming it
        words.append(word)
    groups = [list(group) for _, group in itertools.groupby(words, key=lambda w: w[2])]
    if not any(map(_splits, groups)):
        return run.group()
    return " ".join(_one_word(group) for group in groups)


def _decoded(word: str) -> _Word | None:
    """The word as written, its bytes and its charset (lower case), or ``None``."""
    try:
        ((data, charset),) = decode_header(word)
    except (ValueError, LookupError, HeaderParseError):  # base64 of stray letters
        return None
    if not isinstance(data, bytes) or charset is None:
        return None
    return word, data, charset.lower()


def _splits(words: list[_Word]) -> bool:
    """Whether ``words``, in one charset, split a character: one does not decode on its
    own, and all of them together do."""
    charset = words[0][2]
    if all(_reads(data, charset) for _, data, _ in words):
        return False
    return _reads(b"".join(data for _, data, _ in words), charset)


def _one_word(words: list[_Word]) -> str:
    """``words`` as one word when they split a character, else as written."""
    if not _splits(words):
        return " ".join(written for written, _, _ in words)
    joined = base64.b64encode(b"".join(data for _, data, _ in words)).decode("ascii")
    return f"=?{words[0][2]}?B?{joined}?="


def _reads(data: bytes, charset: str) -> bool:
    if charset in UNNAMED:
        return guessed_text(data, as_written=True, whole=True) is not None
    try:
        data.decode(charset_codec(charset.split("*", maxsplit=1)[0]))
    except (LookupError, UnicodeError):
        return False
    return True
