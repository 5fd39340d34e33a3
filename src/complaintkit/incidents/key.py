# ruff: noqa: RUF002 -- full-width forms are what the folding is for
"""The form key values are counted in, so one product typed several ways is one key.

A Chinese input method in full-width mode types ``ＭＩＬＫ－１`` for ``MILK-1``; people type
either case, paste a zero width space from a web page, leave spaces around, copy a code
from a document with the dash its editor made of the hyphen. A key is the value as it
reads (:func:`~complaintkit.model.as_it_reads.as_it_reads`) with each dash the hyphen;
control and other unprintable characters stay, as in the keys stored cases were counted
under. Only the key is folded: an incident shows a spelling as typed.
"""

from __future__ import annotations

from functools import lru_cache

from complaintkit.model.as_it_reads import as_it_reads


@lru_cache(maxsize=4096)  # a store repeats a few thousand products; bounded for the live watcher
def fold_key(value: str) -> str:
    """``value`` as the key incidents count it under."""
    return as_it_reads(value)
