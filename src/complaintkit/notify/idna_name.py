"""A domain that is not ASCII as the DNS name it is (IDNA 2008), never another's.

Python's ``idna`` codec is IDNA 2003, which maps ``ß`` to ``ss`` and ``ς`` to the medial sigma and drops
the zero-width joiners: ``straße.de`` became ``strasse.de``, which since IDNA 2008 (what the
registries, browsers and mail servers use) is another domain with another owner, and
``exa\u200dmple.com`` became ``example.com``. Those two letters are kept here, as IDNA 2008
keeps them; a joiner, which IDNA 2008 keeps only after a virama or between joining letters,
leaves unsure which domain was meant, and is refused.
"""

from __future__ import annotations

import re
import unicodedata
from encodings import idna

#: What IDNA reads as the dot between labels (the ideographic full stop among them).
_DOTS = re.compile("[.\u3002\uff0e\uff61]")
#: The letters IDNA 2003 maps to others and IDNA 2008 keeps (UTS 46 "deviations").
_KEPT = re.compile("([\u00df\u03c2])")
#: The zero-width non-joiner and joiner: IDNA 2003 drops them, IDNA 2008 keeps them or not.
_JOINERS = re.compile("[\u200c\u200d]")


class UnsureDomain(ValueError):
    """A domain that names no one domain for certain: IDNA 2003 and IDNA 2008 read it as
    two different names, or (``NoDomainName``) it is no name at all."""


class NoDomainName(UnsureDomain):
    """A domain IDNA cannot write (an empty label, a label over 63 characters)."""


def ascii_domain(domain: str) -> str:
    """``domain`` in IDNA (``bücher.example`` as ``xn--bcher-kva.example``), every label as
    IDNA 2008 writes it. ``UnicodeError`` when it is no valid name; ``UnsureDomain`` when
    it holds a zero-width joiner."""
    if domain.isascii():
        return domain
    joiner = _JOINERS.search(domain)
    if joiner is not None:
        shown = _JOINERS.sub(lambda m: f"[U+{ord(m[0]):04X}]", domain)
        raise UnsureDomain(
            f"the domain {shown!r} holds a zero-width joiner (U+{ord(joiner[0]):04X}), which "
            "one reading of IDNA drops and another keeps: which domain it names is unsure"
        )
    if not _KEPT.search(domain):
        return domain.encode("idna").decode("ascii")
    return ".".join(_label(label) for label in _DOTS.split(domain))


def _label(label: str) -> str:
    """One label as IDNA 2008 writes it: mapped as IDNA 2003 maps it (lower case, NFKC)
    but for ``ß`` and ``ς``, which it keeps."""
    if label.isascii() or not _KEPT.search(label):
        return idna.ToASCII(label).decode("ascii") if label else label
    pieces = _KEPT.split(label)  # the kept letters at the odd places
    mapped = "".join(p if i % 2 else idna.nameprep(p) for i, p in enumerate(pieces))
    written = "xn--" + unicodedata.normalize("NFC", mapped).encode("punycode").decode("ascii")
    if len(written) > 63:  # a DNS label's limit
        raise UnicodeError(f"the label {label!r} is too long for a domain name")
    return written
