"""NATS JetStream for complaintkit: ``JetStreamChannel`` takes complaints in through a
durable consumer and acknowledges them after they are stored; ``JetStreamPublisher``
publishes case events (and messages) from the outbox, deduplicated by delivery id."""

from complaintkit_nats.channel import JetStreamChannel
from complaintkit_nats.publisher import JetStreamPublisher

__all__ = ["JetStreamChannel", "JetStreamPublisher"]
