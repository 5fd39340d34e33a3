"""Whether an e-mail address's domain (in IDNA) is a domain name a letter may go to.

The header parser takes what RFC 5322 allows: a domain literal (``sam@[10.0.0.5]``), which
has the relay deliver to a machine by its address, an internal one too, and labels no DNS
holds (``sam@-bad-.com``, ``sam@xn--zzz.example``, ``sam@1.2.3.4``). Mailed, the first
reaches a machine no customer's address names, the others bounce later or never; refused
at once, each is a dead letter saying why.
"""

from __future__ import annotations

import re

#: A label as RFC 5321's ``sub-domain`` writes one: letters, digits and inner hyphens.
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def mail_domain_trouble(domain: str) -> str | None:
    """Why ``domain`` (ASCII, as IDNA wrote it) is no domain a letter may go to; None when
    it is one."""
    if domain.startswith("["):
        return (
            f"the domain {domain!r:.80} is a machine's address, not a domain name: a letter "
            "goes to a mailbox at a named domain"
        )
    labels = domain.split(".")
    for label in labels:
        if not _LABEL.fullmatch(label):
            return (
                f"the domain {domain!r:.80} is no domain name: {label!r:.70} is no label "
                "(letters, digits and hyphens between them, 1 to 63 characters)"
            )
        if label[:4].lower() == "xn--" and not _decodes(label):
            return f"the domain {domain!r:.80} is no domain name: {label!r:.70} is no IDNA label"
    if len(labels) > 1 and labels[-1].isdigit():
        return f"the domain {domain!r:.80} is no domain name: its last label is a number"
    return None


def _decodes(label: str) -> bool:
    """Whether an ``xn--`` label is punycode for letters, none of them a control."""
    try:
        letters = label[4:].encode("ascii").decode("punycode")
    except UnicodeError:
        return False
    return letters.isprintable()
