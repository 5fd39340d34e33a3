"""A channel raising what cannot be read as text (an exception whose ``__str__`` raises,
a message that is an int too long to print) mid-stream: the records read before it are
kept and its failure is the dead letter naming the channel, as any other error's is;
raised before the first record, it is the ``ConfigError`` naming the channel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_intake import complaint

from complaintkit.channels import Checkpoint, Rejected, take_in
from complaintkit.channels.base import isolated
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS = {"unsayable": Unsayable(), "huge-message": ValueError(10**5000)}


@pytest.mark.parametrize("error", ERRORS)
def test_a_failure_midway_keeps_what_was_read_and_names_the_channel(error: str) -> None:
    desk = Desk(storage="memory:")

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        raise ERRORS[error]

    summary = take_in(desk, "bus", read())
    assert desk.storage.find_by_key("bus", "a") is not None
    ((source, reason),) = summary.rejected
    assert source == "after record 1"
    assert "channel 'bus' stopped after 1 records" in reason


@pytest.mark.parametrize("error", ERRORS)
def test_a_failure_before_any_record_is_a_config_error_naming_the_channel(error: str) -> None:
    desk = Desk(storage="memory:")

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield from ()
        raise ERRORS[error]

    with pytest.raises(ConfigError) as refused:
        take_in(desk, "bus", read())
    assert "channel 'bus' could not read its source" in str(refused.value)


@pytest.mark.parametrize("error", ERRORS)
def test_a_record_whose_reading_raised_unreadably_is_rejected(error: str) -> None:
    def build(record: object) -> Complaint:
        raise ERRORS[error]

    rejected = isolated("bus#1", b"{}", build, {})
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("could not be read: ")
