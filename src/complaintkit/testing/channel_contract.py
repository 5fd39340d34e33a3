"""The channel contract: subclass ``ChannelContract`` and provide ``channel``, ``source``
and ``expected`` fixtures.

    class TestMyChannel(ChannelContract):
        @pytest.fixture
        def channel(self):
            return MyChannel(...)

        @pytest.fixture
        def source(self, tmp_path):
            ...  # write or publish `expected` complaints; return the source to read
            return str(path)

        @pytest.fixture
        def expected(self):
            return 20

A streaming channel (one with ``acknowledge``) is also checked to be told exactly the
records each commit stored, and only after they are stored.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest

from complaintkit.channels.base import Checkpoint, Rejected
from complaintkit.channels.intake import take_in
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class ChannelContract:
    """Behaviour every intake channel must have."""

    #: Records per commit in these tests, small so a source spans several commits.
    batch = 7

    @pytest.fixture
    def channel(self) -> object:
        raise NotImplementedError("subclasses provide a channel fixture")

    @pytest.fixture
    def source(self) -> str:
        raise NotImplementedError("subclasses provide a source holding `expected` complaints")

    @pytest.fixture
    def expected(self) -> int:
        raise NotImplementedError("subclasses say how many complaints the source holds")

    @pytest.fixture
    def desk(self) -> Desk:
        return Desk(storage="memory:", clock=ManualClock(T0))

    def take_in(self, desk: Desk, channel: object, source: str) -> int:
        """Run intake as the CLI does; return how many cases it opened."""
        acknowledge = getattr(channel, "acknowledge", None)
        items = channel.read(source)  # type: ignore[attr-defined]
        summary = take_in(desk, "contract", items, batch=self.batch, acknowledge=acknowledge)
        return summary.opened

    def test_read_yields_complaints_rejects_and_checkpoints_only(
        self, channel: object, source: str
    ) -> None:
        for item in channel.read(source):  # type: ignore[attr-defined]
            assert isinstance(item, Complaint | Rejected | Checkpoint), item
            if isinstance(item, Rejected):
                assert item.source, item
                assert item.reason, item

    def test_every_complaint_has_its_own_idempotency_key(
        self, desk: Desk, channel: object, source: str, expected: int
    ) -> None:
        assert self.take_in(desk, channel, source) == expected
        assert len(list(desk.storage.case_ids())) == expected

    def test_taking_the_source_in_again_opens_nothing(
        self, desk: Desk, channel: object, source: str, expected: int
    ) -> None:
        self.take_in(desk, channel, source)
        assert self.take_in(desk, channel, source) == 0
        assert len(list(desk.storage.case_ids())) == expected

    def test_acknowledged_records_are_exactly_those_stored(
        self, desk: Desk, channel: object, source: str, expected: int
    ) -> None:
        acknowledge = getattr(channel, "acknowledge", None)
        if acknowledge is None:
            pytest.skip("the channel does not acknowledge (not a streaming channel)")
        yielded: list[Complaint | Rejected] = []
        acknowledged: list[Complaint | Rejected] = []

        def reading() -> Iterator[Complaint | Rejected | Checkpoint]:
            for item in channel.read(source):  # type: ignore[attr-defined]
                if not isinstance(item, Checkpoint):
                    yielded.append(item)
                yield item

        def checking(records: Sequence[Complaint | Rejected]) -> None:
            letters = {letter.reason for letter in desk.storage.dead_letters()}
            for record in records:
                if isinstance(record, Complaint):
                    assert desk.storage.find_by_key(*record.key) is not None, record.key
                else:
                    assert record.reason in letters
            acknowledged.extend(records)
            acknowledge(records)

        take_in(desk, "contract", reading(), batch=self.batch, acknowledge=checking)
        assert [id(r) for r in acknowledged] == [id(r) for r in yielded]
        assert sum(isinstance(r, Complaint) for r in acknowledged) == expected
