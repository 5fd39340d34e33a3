"""A column mapping naming an attribute or an SLA metric with no name (``-o
columns.attributes.=shop``, ``attributes: {" ": shop}`` in a mapping file): every row was
taken in with an attribute named ``""`` or ``" "``, which no policy condition can name and
no one reading the case can tell what it is. It is now a configuration error naming the
key."""

from __future__ import annotations

import pytest

from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError

REQUIRED = {"external_id": "id", "received_at": "date", "text": "narrative"}


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"attributes": {"": "shop"}}, "'attributes.'"),
        ({"attributes": {" ": "shop"}}, "'attributes. '"),
        ({"attributes.\u200b": "shop"}, "'attributes.\\u200b'"),
        ({"history": {"sla": {"": "met"}}}, "'history.sla.'"),
    ],
)
def test_an_open_ended_field_without_a_name_is_refused(
    extra: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        load_mapping({**REQUIRED, **extra})
    assert named in str(refused.value)


def test_a_named_attribute_is_mapped() -> None:
    mapping = load_mapping({**REQUIRED, "attributes": {"shop": "shop"}})
    assert mapping.columns["attributes.shop"] == "shop"
