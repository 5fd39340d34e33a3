"""Whether a reply comes from the mailbox a letter was sent to (``desk.replies``).

A letter goes to the customer's contact, which need not be their customer id (``C-1001``
from the form, contact ``wang@example.cn``), and a mail client writes the address as it
likes: a display name, another case, a domain in Unicode or in punycode, a ``+`` tag
(RFC 5233 sub-addressing: a letter to ``wang+shop@`` reaches wang's mailbox, answered from
``wang@``; the acknowledgement limit, ``api.ack_limit.mailbox``, counts them as one too —
the unguessable delivery id the reply names, not the sender, keeps strangers out). Only one
well-formed address on each side is a mailbox; anything else matches nothing, so the
reply opens a case of its own and nothing is lost.
"""

from __future__ import annotations

from complaintkit.notify.idna_name import UnsureDomain, ascii_domain
from complaintkit.notify.mail_address import one_address


def same_mailbox(sent_to: str, sender: str) -> bool:
    """Whether ``sender`` is the mailbox ``sent_to`` names: case, display names and a tag
    after ``+`` ignored, a domain's Unicode and IDNA forms alike."""
    one, other = _mailbox(sent_to), _mailbox(sender)
    return one is not None and one == other


def _mailbox(written: str) -> str | None:
    address = one_address(written)
    if address is None:
        return None
    try:
        domain = ascii_domain(address.domain.lower())
    except (UnicodeError, UnsureDomain):  # no one domain for certain: no match
        return None
    local = address.username.lower()
    local = local.split("+", 1)[0] or local  # "+li@" names no tag: kept whole
    return f"{local}@{domain.lower()}"
