# ruff: noqa: RUF002, RUF003 -- full-width forms and look-alike letters are what it folds
"""Text as a reader tells it apart: one form for what reads alike on every screen.

People type an id or a product code in full-width mode (``ＭＩＬＫ－１``, ``ｌｉ．ｎａ``), in
either case, paste a zero-width space or a direction mark from a web page, leave blanks
around. Whoever compares two such values as people read them — the incidents' product
keys (:func:`~complaintkit.incidents.key.fold_key`), the four-eyes check of an approval
(:func:`~complaintkit.model.same_person.same_person`) — compares their :func:`as_it_reads`
forms: default-ignorable characters dropped, other white space a space
(:func:`~complaintkit.policy.matchtext.without_odd`), compatibility forms folded (NFKC),
case folded, every dash the hyphen (a product code or an id copied from a document keeps
the dash its editor made of the hyphen — Word's en dash, a PDF's U+2010, a minus sign —
which NFKC leaves), runs of white space one blank and none at the ends. The callers differ
on purpose, by a named switch:

- ``unprintable``: an actor is compared by what shows, so control, format, private-use and
  unassigned characters are dropped too; a product key keeps them, as the keys stored
  incidents were counted under did.
- ``look_alikes``: an actor is compared by what shows, so a Cyrillic or Greek letter that
  reads as a Latin one (Cyrillic ``а`` in ``li-nа``, Greek ``Ν`` in ``LI-ΝA``) is that
  Latin letter, accented or not, in whichever script the rest is written (``јоѕе`` is
  ``jose``): the four-eyes check is what someone may try to slip past, and reading two
  people as one only asks for another approver. A product key keeps its script: a code
  written in Cyrillic (``САХАР-1``) is a product of its own, a Latin code typed with a
  Cyrillic letter is counted apart as it always was (folding it would move the keys
  stored incidents were counted under), and its incident shows the spelling.

The text itself is never changed: only the form compared.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from complaintkit.policy.matchtext import without_odd

#: Hyphen, non-breaking hyphen, figure dash, en and em dashes, horizontal bar, minus sign,
#: and the small forms of the em dash and hyphen-minus: each is ``-``.
_DASHES: Final = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-")
)
#: Each case-folded Cyrillic and Greek letter whose capital or small form reads as the
#: capital or small form of a Latin letter (Unicode's intentional confusables, UTS #39),
#: with that letter: ``н`` as ``H`` does, ``η`` as ``Η`` does, ``у`` as ``y`` does. (The
#: lunate sigma ``Ϲ``, a ``C``, is not among them: NFKC has made it a sigma first.)
_LATIN: Final = str.maketrans(
    "авекмнорстухіјѕһԁԛԝӏүαβγεζηικμνορτυχϳ",  # Cyrillic, then Greek
    "abekmhopctyxijshdqwlyabyezhikmnoptyxj",
)


def as_it_reads(text: str, *, unprintable: bool = False, look_alikes: bool = False) -> str:
    """``text`` in the form above; ``unprintable`` drops what ``str.isprintable`` refuses
    (but white space), ``look_alikes`` reads Cyrillic and Greek look-alikes as Latin."""
    if text.isascii() and (not unprintable or text.isprintable()):
        return " ".join(text.lower().split())  # NFKC and case folding are lowering here
    text = without_odd(text)
    if unprintable:
        text = "".join(c if c.isprintable() else " " if c.isspace() else "" for c in text)
    # case folding may undo NFKC's form (ǰ folds to j and a combining caron): again
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if look_alikes:  # the letter under its accent too: Greek ά is á
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_LATIN))
    return " ".join(text.translate(_DASHES).lower().split())
