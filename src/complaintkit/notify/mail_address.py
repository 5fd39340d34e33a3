"""The one e-mail address a customer's contact must be before the SMTP notifier mails it.

A contact is whatever the channel gave: a phone number, two addresses, an address with
words after it. Mailing the parsed remains of one (``+86`` as an envelope address, the first
of two) would report a delivery that never reached the customer, so anything but exactly
one well-formed address is refused.
"""

from __future__ import annotations

import email.errors
import re
import unicodedata
from email.headerregistry import Address, AddressHeader, Group
from typing import Any

from complaintkit.notify.visible_text import visible

_STILL_AN_ADDRESS = (email.errors.NonASCIILocalPartDefect, email.errors.ObsoleteHeaderDefect)

#: C0 and C1 controls: a line break in an address could add headers of its own.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Whitespace other than space and tab (NBSP, U+2028, U+3000…), which the parser drops
#: from a domain: ``sam@exa\u00a0mple.com`` read as ``sam@example.com``.
_OTHER_SPACE = re.compile(r"[^\S \t]")
#: The at sign a Chinese or Japanese input method types in full-width mode.
FULL_WIDTH_AT = "\uff20"


def one_address(contact: str) -> Address | None:
    """The address ``contact`` is, its display name made visible; None unless it is exactly
    one e-mail address with nothing else."""
    if _CONTROL.search(contact):
        return None
    if FULL_WIDTH_AT in contact:  # typed in full width (U+FF20): the address meant
        if "@" in contact:  # which of them ends the mailbox name is unsure
            return None
        contact = unicodedata.normalize("NFKC", contact)
    address = _parsed(contact)
    if address is not None and _OTHER_SPACE.search(contact):
        # such a space, read as an ASCII one, must leave the address as it was: one inside
        # the address (glued away, or kept in the mailbox name) makes it another
        spaced = _parsed(_OTHER_SPACE.sub(" ", contact))
        if spaced is None or spaced.addr_spec != address.addr_spec:
            return None
    return address


def _parsed(contact: str) -> Address | None:
    """The one address the parser reads in ``contact``, or None."""
    parsed: dict[str, Any] = {}
    try:
        AddressHeader.parse(contact, parsed)
    except Exception:  # the parser's own failures too (AttributeError on ". <a@x.com>")
        return None
    groups: tuple[Group, ...] = parsed["groups"]
    addresses = [address for group in groups for address in group.addresses]
    # a mailbox name that is not ASCII is an address still (RFC 6531): an SMTPUTF8 server
    # delivers it, and one without says so, for good; obsolete syntax (a period in a
    # name: "Dr. Wang <w@x.cn>") is one too, which RFC 5322 says readers must accept
    defects = [d for d in parsed["defects"] if not isinstance(d, _STILL_AN_ADDRESS)]
    if defects or len(addresses) != 1 or groups[0].display_name is not None:
        return None
    (address,) = addresses
    if not address.username or not address.domain or _hidden(address.addr_spec):
        return None
    if "=?" in contact and f"{address.username}@" not in contact:
        # the parser decoded an encoded word in the mailbox name (RFC 2047 allows none
        # there): =?utf-8?q?x?=sam@example.com, a mailbox of its own, read as xsam@…
        return None
    return Address(visible(address.display_name), address.username, address.domain)


def _hidden(addr_spec: str) -> bool:
    """Whether a mailbox name or domain holds what ``visible`` shows escaped: a bidi control
    makes it read in another order than it is (``\u202emoc.elpmaxe@mas``), an invisible
    format character (a zero width space, a soft hyphen) makes it read as another
    (``sam\u200b@example.com``); either names no mailbox anyone reads out. In a display
    name they are only made visible."""
    return visible(addr_spec) != addr_spec
