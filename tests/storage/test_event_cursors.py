"""A cursor the storage did not return is refused by name, on every backend: never a
decoder's or a driver's error."""

from __future__ import annotations

import embedded_backends
import pytest

from complaintkit.errors import InvalidInput
from complaintkit.storage.base import Storage

storage = embedded_backends.storage

NOT_CURSORS = ["x", "-1", "1.5", "²", "٣", "9" * 5000, str(2**63), " 1"]


@pytest.mark.parametrize("cursor", NOT_CURSORS)
def test_a_cursor_the_storage_did_not_return_is_refused(storage: Storage, cursor: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        storage.events_since(cursor, 10)
    assert refused.value.field == "cursor"


def test_the_largest_position_is_a_cursor(storage: Storage) -> None:
    assert storage.events_since(str(2**63 - 1), 10).events == []
