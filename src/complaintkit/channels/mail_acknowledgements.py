"""How many acknowledgements one sender's e-mails have the desk send.

Two autoresponders answering each other through the intake mailbox (a mail loop that
RFC 3834's headers did not stop), or a script mailing complaints from one address: each
message is a complaint and opens a case, but past ``count`` acknowledgements in
``period`` its sender is sent nothing more on opening (the ``opened`` event says why, as
for the form's limit, ``api.ack_limit``). Counted from the acknowledgements the store's
outbox queued to the sender's mailbox in the period — so across runs, and processes sharing
it; not the cases opened, which an import opens too and acknowledges none — and the earlier
messages of the batch being taken in. A sender is its mailbox as the form's limit folds it
(``ack_limit.mailbox``): ``wang+1@…`` and ``Wang+2@…`` are wang's, one allowance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs

from complaintkit.api.ack_limit import DEFAULT_COUNT, DEFAULT_PERIOD, mailbox, spoken
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
        earlier: Counter[str] = Counter()
        out: dict[int, str] = {}
        taken = storage.find_by_keys({c.key for c in complaints})  # one look-up a batch
        folded: dict[str, str] = {}  # each address folded once (a loop's, a batch's)

        def fold(address: str) -> str:
            if address not in folded:
                folded[address] = mailbox(address)
            return folded[address]

        senders = {fold(c.customer.id) for c in complaints if c.history is None}
        stored: Counter[str] = Counter()
        for to in storage.acknowledged_since(now - self.period):  # one query where it can
            if fold(to) in senders:
                stored[fold(to)] += 1
        seen: set[tuple[str, str]] = set()
        for position, complaint in enumerate(complaints):
            if complaint.history is not None:  # an import acknowledges no one
                continue
            if complaint.key in taken or complaint.key in seen:  # opens nothing again
                continue
            seen.add(complaint.key)
            sender = fold(complaint.customer.id)
            sent = stored[sender] + earlier[sender]
            earlier[sender] += 1
            if sent >= self.count:
                out[position] = (
                    f"{sent} complaints from this sender were taken in in the last "
                    f"{spoken(self.period)}; e-mail from one address is acknowledged "
                    f"{self.count} times in that time at most"
                )
        return out
