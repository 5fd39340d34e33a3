# ruff: noqa: RUF002 -- full-width forms are what the folding is for
"""The form key values are counted in, so one product typed several ways is one key.

A Chinese input method in full-width mode types ``ＭＩＬＫ－１`` for ``MILK-1``; people type
either case, paste a zero width space from a web page, leave spaces around. Values are
folded as keyword text is (:func:`~complaintkit.policy.matchtext.without_odd`, case
folding) plus NFKC, which the keyword index avoids for the cost on long texts but costs
nothing on a short value, and runs of white space as one space, none at the ends. A code
copied from a document keeps the dash its editor made of the hyphen (Word's en dash, a
PDF's U+2010, a minus sign), which NFKC leaves: each dash is the hyphen. Only the key is
folded: an incident shows a spelling as typed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from complaintkit.policy.matchtext import without_odd

#: Hyphen, non-breaking hyphen, figure dash, en and em dashes, horizontal bar, minus sign,
#: and the small forms of the em dash and hyphen-minus: each is ``-`` in a key.
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-")
)


@lru_cache(maxsize=4096)  # a store repeats a few thousand products; bounded for the live watcher
def fold_key(value: str) -> str:
    """``value`` as the key incidents count it under."""
    if not value.isascii():
        value = unicodedata.normalize("NFKC", without_odd(value))
        value = unicodedata.normalize("NFKC", value.casefold()).translate(_DASHES)
    return " ".join(value.lower().split())
