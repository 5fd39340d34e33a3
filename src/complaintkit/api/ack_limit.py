"""How many acknowledgements unsigned complaints have the desk send to one address.

No one signs the public form, nor POST /complaints on a server without a secret, so anyone
may give a stranger's address again and again; each complaint is kept, but past ``count``
in ``period`` its address is sent nothing more on opening. Counted in this process's
memory: a server restarted, or several behind one address, count apart.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
import unicodedata
from collections import deque
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

import attrs

from complaintkit.notify.idna_name import UnsureDomain, ascii_domain

#: Acknowledgements to one address, and the period they are counted over, by default.
DEFAULT_COUNT = 5
DEFAULT_PERIOD = timedelta(hours=1)
#: An address with nothing around it, which ``parseaddr`` gives back as it is.
_BARE = re.compile(r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?")
#: Addresses remembered before those with nothing left in their period are forgotten.
_TIDY_AT = 10_000


@attrs.define
class AcknowledgementLimit:
    """At most ``count`` acknowledgements per address in any ``period``."""

    count: int = DEFAULT_COUNT
    period: timedelta = DEFAULT_PERIOD
    _sent: dict[str, deque[datetime]] = attrs.field(factory=dict, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def withheld(self, address: str, now: datetime) -> str | None:
        """Why the acknowledgement of a complaint giving ``address`` now is not sent, or
        ``None`` (it is sent, and counted)."""
        now = now.astimezone(UTC)  # a period in real time, across a change of the clocks
        with self._lock:
            if len(self._sent) >= _TIDY_AT:
                self._tidy(now)
            sent = self._sent.setdefault(address, deque())
            while sent and sent[0] <= now - self.period:
                sent.popleft()
            if len(sent) >= self.count:
                return _reason(len(sent), self.period)
            sent.append(now)
            return None

    def give_back(self, address: str, at: datetime) -> None:
        """Uncount the acknowledgement ``withheld`` counted for ``address`` at ``at``: its
        complaint opened no case (a retry, a form sent twice, a refusal), so nothing was sent,
        and a client retrying must not use up the address's allowance."""
        at = at.astimezone(UTC)
        with self._lock:
            sent = self._sent.get(address)
            if sent is not None and at in sent:
                sent.remove(at)

    def _tidy(self, now: datetime) -> None:
        for address in [
            a for a, sent in self._sent.items() if not sent or sent[-1] <= now - self.period
        ]:
            del self._sent[address]


def _reason(sent: int, period: timedelta) -> str:
    """Why, in words: unsigned complaints (the form's, and POST /complaints' without a
    secret) share the limit."""
    limit = "the limit for complaints no one signs"
    if sent == 0:
        return f"no acknowledgement is sent to an address given unsigned ({limit} is 0)"
    were = "acknowledgement was" if sent == 1 else "acknowledgements were"
    return f"{sent} {were} sent to this address in the last {spoken(period)}, {limit}"


def spoken(period: timedelta) -> str:
    seconds = int(period.total_seconds())
    amount, unit = next(
        (seconds // size, unit)
        for unit, size in (("hour", 3600), ("minute", 60), ("second", 1))
        if seconds % size == 0
    )
    return unit if amount == 1 else f"{amount} {unit}s"


def mailbox(contact: str) -> str:
    """The mailbox ``contact`` reaches, hashed, as the limit counts it: one however it is
    typed — case, spaces and dashes (a phone number's too), a display name or comment
    around an e-mail address (``王 <wang@…>``, which a JSON complaint may give), a tag
    after ``+`` (``wang+1@…``: RFC 5233 sub-addressing, which the big providers deliver to
    wang's mailbox, so a script could otherwise make up a tag per acknowledgement), a
    domain written in punycode or ending in the root's dot. Only what is counted: the
    customer is still the address as typed (``pages.customer_id``)."""
    normal = unicodedata.normalize("NFKC", contact).strip().lower()  # a full-width at sign too
    if "@" in normal and not _BARE.fullmatch(normal):  # "王 <wang@…>", "wang@… (Wang)": the
        # address, not its display name (a bare one is its own: parseaddr takes 0.1 ms)
        normal = parseaddr(normal)[1] or normal
    normal = normal.replace(" ", "")
    local, at, domain = normal.rpartition("@")
    if at:
        local = local.split("+", 1)[0] or local  # "+li@…" names no tag: kept whole
        domain = domain.rstrip(".")
        with contextlib.suppress(UnicodeError, UnsureDomain):  # IDNA cannot write it: as typed
            domain = ascii_domain(domain)  # as letters are sent: straße.de is not strasse.de
        normal = f"{local}@{domain}"
    normal = normal.replace("-", "")  # after punycode, whose "xn--" it would undo
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:20]
