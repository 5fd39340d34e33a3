"""An ISO date-time whose offset is named for its zone (``2019-09-20T14:30 GMT+8``,
``2019-09-20T14:30:00UTC+08:00``), as a system exporting its local times writes it, was read
as no date, though ``2019-09-20 14:30 GMT+8`` (a space for the ``T``) was that instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sla_helpers import SENT_RECEIVED, first_response_from

SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("sent", "start"),
    [
        ("2019-09-20T14:30 GMT+8", datetime(2019, 9, 20, 14, 30, tzinfo=SHANGHAI)),
        ("2019-09-20T14:30:00UTC+08:00", datetime(2019, 9, 20, 14, 30, tzinfo=SHANGHAI)),
        ("2019-09-20T14:30 GMT", datetime(2019, 9, 20, 14, 30, tzinfo=UTC)),
        ("2019-09-20T2:30 PM UTC+8", datetime(2019, 9, 20, 14, 30, tzinfo=SHANGHAI)),
    ],
)
def test_an_iso_time_with_its_zone_named_offset_is_that_instant(sent: str, start: datetime) -> None:
    assert first_response_from(sent).started_at == start


def test_a_t_without_a_time_after_it_is_still_no_date() -> None:
    assert first_response_from("2019-09-20T GMT+8").started_at == SENT_RECEIVED
