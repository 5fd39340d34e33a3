"""A complaint software sent: its customer is sent nothing automatically on opening.

An out-of-office reply, a system relaying complaints, a newsletter: their words may be a
complaint, so they open a case, but an acknowledgement to them is an automatic reply to
an automatic message, which RFC 3834 forbids — their responder answers it, and its answer
opens another case, acknowledged in turn: a mail loop. A channel that can tell (the
e-mail channel, from the headers RFC 3834 and common practice name) says so in the
complaint's ``attributes.automatic``, naming why; the Desk then withholds the
acknowledgement, as the ``opened`` event records, and every later letter a rule would send
the customer by itself (``notify.notifications``): only what an agent writes goes.
"""

from __future__ import annotations

from typing import Final

from complaintkit.model.complaint import Complaint

#: The attribute naming why a complaint was sent automatically (``Auto-Submitted:
#: auto-replied``).
AUTOMATIC: Final = "automatic"


def automatic_withheld(complaint: Complaint) -> str | None:
    """Why the customer of ``complaint`` is sent nothing on opening, or ``None``."""
    return said_automatic(complaint.attributes)


def said_automatic(attributes: object) -> str | None:
    """``automatic_withheld`` of a complaint's ``attributes`` as stored (a reply an event
    added to a case, ``desk.replies``)."""
    said = attributes.get(AUTOMATIC) if isinstance(attributes, dict) else None
    if not isinstance(said, str) or not said.strip():
        return None
    return f"sent automatically ({said}): RFC 3834 forbids an automatic reply to it"
