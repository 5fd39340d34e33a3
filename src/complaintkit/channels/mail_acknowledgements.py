"""How many acknowledgements one sender's e-mails have the desk send.

Two autoresponders answering each other through the intake mailbox (a mail loop that
RFC 3834's headers did not stop), or a script mailing complaints from one address: each
message is a complaint and opens a case, but past ``count`` acknowledgements in
``period`` its sender is sent nothing more on opening (the ``opened`` event says why, as
for the form's limit, ``api.ack_limit``). Counted from the cases the sender's mail opened
in the store — so across runs, and processes sharing it — and the earlier messages of the
batch being taken in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs

from complaintkit.api.ack_limit import DEFAULT_COUNT, DEFAULT_PERIOD, spoken
from complaintkit.model.complaint import Complaint
from complaintkit.storage.base import Storage


@attrs.frozen
class MailAcknowledgements:
    """At most ``count`` acknowledgements to one sender in any ``period``."""

    count: int = DEFAULT_COUNT
    period: timedelta = DEFAULT_PERIOD

    def withheld(
        self, storage: Storage, complaints: Sequence[Complaint], now: datetime
    ) -> dict[int, str]:
        """Why each complaint of a batch past its sender's allowance is sent nothing on
        opening, by its position (``Desk.intake_many``'s ``withheld``). A reply to one of
        our letters opens no case, but is counted in its batch all the same: two
        autoresponders answering each other name each other's messages too. A letter taken
        in before (a mailbox read again) or twice in the batch is counted once: by the case
        it opened, or as the first of the batch."""
        stored: dict[str, int] = {}
        earlier: Counter[str] = Counter()
        out: dict[int, str] = {}
        taken = storage.find_by_keys({c.key for c in complaints})  # one look-up a batch
        since = now - self.period
        senders = {c.customer.id for c in complaints if c.history is None}
        opened = storage.openings(senders, since)  # one query a batch where the store can
        seen: set[tuple[str, str]] = set()
        for position, complaint in enumerate(complaints):
            if complaint.history is not None:  # an import acknowledges no one
                continue
            if complaint.key in taken or complaint.key in seen:  # opens nothing again
                continue
            seen.add(complaint.key)
            sender = complaint.customer.id
            if sender not in stored:
                stored[sender] = opened(sender, since)
            sent = stored[sender] + earlier[sender]
            earlier[sender] += 1
            if sent >= self.count:
                out[position] = (
                    f"{sent} complaints from this sender were taken in in the last "
                    f"{spoken(self.period)}; e-mail from one address is acknowledged "
                    f"{self.count} times in that time at most"
                )
        return out
