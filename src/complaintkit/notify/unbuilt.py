"""A notifier that could not be built: its messages become dead letters, the Desk goes on.

A plugin's factory that raises (its client library missing, a bug) or refuses a value of
its options (which ``validate``, building no plugin's notifier, cannot find) would
otherwise stop the Desk at its start, and with it intake, the tick and every other notifier's mail, for the
want of one notifier. Its messages are queued as usual, so nothing is lost: each fails for
good when the worker reaches it, saying why, and ``outbox requeue`` sends it once the
plugin is mended.
"""

from __future__ import annotations

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ComplaintkitError, ConfigError
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message


class Unbuilt:
    """Stands in for the policy's notifier ``name`` (written at ``where``), which failed to
    build with ``error``: every message and event through it fails for good, its reason
    naming the notifier, where the policy writes it, what was refused or raised (for a
    plugin's failure, the plugin and its distribution) and what to do."""

    def __init__(self, name: str, error: ComplaintkitError, where: str = "") -> None:
        at = f" ({where})" if where else ""
        mend = (
            "mend its options in the policy"
            if isinstance(error, ConfigError)
            else "mend or reinstall the plugin"
        )
        self.reason = (
            f"notifier {name!r}{at} could not be built when this worker started: {error}; "
            f"{mend}, then send its dead deliveries again (complaintkit outbox requeue --all "
            f"--via {name})"
        )

    def send(self, message: Message) -> None:
        raise DeliveryFailed(self.reason, final=True)

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        raise DeliveryFailed(self.reason, final=True)
