"""A notifier its plugin could not build: its messages become dead letters, the Desk goes on.

A plugin's factory that raises (its client library missing, a bug) would otherwise stop the
Desk at its start, and with it intake, the tick and every other notifier's mail, for the
want of one notifier. Its messages are queued as usual, so nothing is lost: each fails for
good when the worker reaches it, saying why, and ``outbox requeue`` sends it once the
plugin is mended.
"""

from __future__ import annotations

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import PluginError
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message


class Unbuilt:
    """Stands in for the policy's notifier ``name``, whose plugin failed to build it with
    ``error``: every message and event through it fails for good, its reason naming the
    notifier, the plugin (and its distribution), what it raised and what to do."""

    def __init__(self, name: str, error: PluginError) -> None:
        self.reason = (
            f"notifier {name!r} could not be built when this worker started: {error}; mend "
            "or reinstall the plugin, then send its dead deliveries again (complaintkit "
            f"outbox requeue --all --via {name})"
        )

    def send(self, message: Message) -> None:
        raise DeliveryFailed(self.reason, final=True)

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        raise DeliveryFailed(self.reason, final=True)
