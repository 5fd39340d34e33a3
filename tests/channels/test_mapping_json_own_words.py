"""A JSON column mapping that does not parse is refused in complaintkit's words.

Found in review: ``-o columns=map.json`` with a missing comma said "column mapping
'map.json': Expecting ',' delimiter, line 2", the json module's text, which changes with
the Python version. The test asks the parser for its text only to check it is not shown.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError

MALFORMED = [
    ('{"external_id": "id"\n "text": "t"}', 2),
    ('{"external_id": "id",\n "text": }', 2),
    ('{"external_id": "id",\n "text": "t}', 2),
    ('{"external_id": "id",\n "text": "t",}', 2),
    ('{"external_id": "id"}\n{}', 2),
    ('{"external_id": "id",\n "text": "a\\qb"}', 2),
]


@pytest.mark.parametrize(("text", "line"), MALFORMED)
def test_a_malformed_json_mapping_is_refused_in_own_words(
    tmp_path: Path, text: str, line: int
) -> None:
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    path = tmp_path / "map.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    message = str(refused.value)
    assert str(path) in message
    assert f"line {line}" in message
    assert parsed.value.msg not in message
