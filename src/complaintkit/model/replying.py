"""Where a complaint says which messages it answers, for the Desk to find the case of a
letter it answers (``desk.replies``)."""

from __future__ import annotations

from typing import Final

#: ``attributes`` key of a complaint answering other messages (an e-mail's In-Reply-To and
#: References, ``channels.mail_thread``): their Message-IDs without angle brackets, the
#: one it answers directly first.
REPLYING_TO: Final = "replying_to"
