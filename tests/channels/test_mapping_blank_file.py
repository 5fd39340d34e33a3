"""``-o columns=`` given nothing (``-o columns="$MAPPING"`` of an unset variable): the
mapping was read from the path ``''``, the current folder, and refused as 'cannot read
column mapping '': Is a directory'. It is now refused saying the mapping is blank."""

from __future__ import annotations

import pytest

from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError


@pytest.mark.parametrize("given", ["", "  "])
def test_a_blank_mapping_file_name_is_refused_as_blank(given: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_mapping(given)
    assert "is blank" in str(refused.value)
    assert "directory" not in str(refused.value)
