"""The hint for an unknown key: the keys allowed where it was written, led by the one a
typo most likely meant (``wehn`` → ``when``), for policies and policy tests alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Final

#: How alike an unknown key and a known one must be to suggest it (a typo, not a guess:
#: catgory → categories, but not intake → name).
_CLOSE_ENOUGH: Final = 0.7


def unknown_key_hint(key: object, allowed: Iterable[str]) -> str:
    """The keys allowed here, led by the one a typo most likely meant."""
    known = sorted(allowed)
    if not known:
        return "nothing may be written here: remove it"
    listed = f"use one of {', '.join(known)}"
    meant = difflib.get_close_matches(str(key), known, n=1, cutoff=_CLOSE_ENOUGH)
    return f"did you mean {meant[0]!r}? {listed}" if meant else listed
