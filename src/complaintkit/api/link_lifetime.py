"""How long a customer's status link shows their case once it ended.

The link is the customer's only key, and it lives on in old mailboxes, forwarded mail
and screenshots: shown for ever, it would show the customer's words and every answer to
whoever finds it years later. A case that ended (``TERMINAL``) is shown for a lifetime
after its last change, then its link says it expired (410) and shows nothing of it. An
open case's link never expires, however long it waits: its customer is still waiting for
us, and a case reopened shows again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from complaintkit.errors import ConfigError
from complaintkit.model.case import Case

#: How long an ended case's status link shows it, after its last change.
DEFAULT_LIFETIME: Final = timedelta(days=180)
#: The longest lifetime, 100 years: a longer one is no expiry at all.
LONGEST_DAYS: Final = 36_500


def checked_lifetime(lifetime: object) -> timedelta:
    """``lifetime`` if it is one a link can have, else a ``ConfigError`` naming it."""
    if not isinstance(lifetime, timedelta) or not timedelta(0) < lifetime <= timedelta(
        days=LONGEST_DAYS
    ):
        raise ConfigError(
            "status_link_lifetime must be a timedelta over 0 and at most "
            f"{LONGEST_DAYS} days (got {lifetime!r:.60})"
        )
    return lifetime


def expired(case: Case, now: datetime, lifetime: timedelta) -> bool:
    """Whether ``case``'s status link no longer shows it at ``now``."""
    return not case.is_open and now - case.updated_at >= lifetime


def expired_message(lifetime: timedelta) -> str:
    """What an API client is told of an expired link: no more of the case than that."""
    return (
        "this status link has expired: an ended case is shown for "
        f"{lifetime.total_seconds() / 86_400:g} days after its last change"
    )
