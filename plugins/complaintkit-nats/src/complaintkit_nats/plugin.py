"""The hooks this package gives complaintkit; found through the ``complaintkit`` entry point."""

from __future__ import annotations

from complaintkit.hookspecs import Register, hookimpl
from complaintkit_nats.channel import JetStreamChannel
from complaintkit_nats.publisher import JetStreamPublisher


@hookimpl
def register_channels(register: Register) -> None:
    register("nats", JetStreamChannel)


@hookimpl
def register_notifiers(register: Register) -> None:
    register("nats", JetStreamPublisher)
