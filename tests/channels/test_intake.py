"""take_in and a streaming channel: commits at checkpoints, acknowledges what it stored."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from complaintkit.channels import CHECKPOINT, Checkpoint, Rejected, take_in
from complaintkit.desk import Desk
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


def test_each_checkpoint_commits_and_acknowledges_the_records_before_it() -> None:
    desk = Desk(storage="memory:")
    acknowledged: list[list[str]] = []

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        yield CHECKPOINT
        assert desk.storage.find_by_key("bus", "a") is not None  # committed before it waits
        yield complaint("b")
        yield Rejected("bus#3", b"{", "not JSON")
        yield CHECKPOINT

    def acknowledge(records: Sequence[Complaint | Rejected]) -> None:
        acknowledged.append(
            [r.external_id if isinstance(r, Complaint) else r.source for r in records]
        )

    take_in(desk, "bus", read(), acknowledge=acknowledge)
    assert acknowledged == [["a"], ["b", "bus#3"]]


def test_a_channel_that_raises_is_never_told_of_intakes_own_record() -> None:
    desk = Desk(storage="memory:")
    acknowledged: list[Complaint | Rejected] = []

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        raise ConnectionResetError("the broker went away")

    summary = take_in(desk, "bus", read(), acknowledge=acknowledged.extend)
    assert [r.external_id for r in acknowledged if isinstance(r, Complaint)] == ["a"]
    assert len(acknowledged) == 1
    assert "the channel stopped after 1 records" in summary.rejected[0][1]
