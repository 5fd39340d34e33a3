"""A run that stops while the channel is mid-read closes the channel's reader at once.

A streaming channel (NATS, a broker) holds a connection that its ``read`` closes in a
``finally``. When committing or acknowledging a chunk fails (the broker went away), the
run stops with the reader suspended at a ``yield``: left to the garbage collector, its
``finally`` ran at interpreter exit, after the plugin's event loop thread had stopped,
and ``complaintkit intake`` hung after printing its error."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from complaintkit.channels import CHECKPOINT, Checkpoint, Rejected, take_in
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError, ConfigError
from complaintkit.model.complaint import Complaint


def complaint(key: str) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "bus",
            "external_id": key,
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "快递三天没到",
        }
    )


@pytest.mark.parametrize(
    "failure", [ConnectionResetError("connection lost"), ConfigError("bus: broker gone")]
)
def test_a_failed_acknowledgement_closes_the_reader_before_the_error_is_raised(
    failure: Exception,
) -> None:
    desk = Desk(storage="memory:")
    closed: list[bool] = []

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        try:
            yield complaint("a")
            yield CHECKPOINT
            yield complaint("b")
        finally:
            closed.append(True)

    def acknowledge(records: Sequence[Complaint | Rejected]) -> None:
        raise failure

    with pytest.raises(ComplaintkitError) as raised:
        take_in(desk, "bus", read(), acknowledge=acknowledge)
    assert closed == [True], raised.value  # while the traceback still holds the run's frames
    assert desk.storage.find_by_key("bus", "a") is not None  # what was read is stored
