"""A batch item whose failure cannot be read as text (a mapping whose values raise an
exception with a ``__str__`` that raises, or one whose message is an int too long to
print) costs that item only: the rest of the batch is stored, and it is refused saying
what was raised."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput
from complaintkit.testing.storage_contract import make_complaint


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS = {"unsayable": Unsayable(), "huge-message": ValueError(10**5000)}


class Hostile(Mapping[str, object]):
    """A complaint mapping whose every value raises ``error`` when read."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __getitem__(self, key: str) -> object:
        raise self.error

    def __iter__(self) -> Iterator[str]:
        return iter(["channel", "external_id", "received_at", "customer", "text"])

    def __len__(self) -> int:
        return 5


@pytest.mark.parametrize("error", ERRORS)
def test_the_rest_of_the_batch_is_stored(error: str) -> None:
    desk = Desk(storage="memory:")
    good = make_complaint("a")
    taken, refused = desk.intake_many([good, Hostile(ERRORS[error])])
    assert isinstance(taken, Taken)
    assert desk.storage.find_by_key(good.channel, "a") is not None
    assert isinstance(refused, InvalidInput)
    assert type(ERRORS[error]).__name__ in str(refused)
