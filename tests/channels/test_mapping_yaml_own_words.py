"""A YAML column mapping that does not parse is refused in complaintkit's words.

Found after the JSON mapping: ``-o columns=map.yaml`` with a tab in the indentation said
"column mapping 'map.yaml': found character '\\t' that cannot start any token, line 2",
PyYAML's text; a list never closed "expected ',' or ']', but got '<stream end>'". The
mapping now says what a policy file says of the same mistake. The test asks the parser
for its text only to check it is not shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError

MALFORMED = [
    ("external_id: id\n\ttext: t\n", 2),
    ("external_id: id\ntext: [a, b\n", 2),
    ('external_id: "id\ntext: t\n', 2),  # where the file ends, as for a policy
    ("external_id: id: x\ntext: t\n", 1),
    ("external_id: id\n text: t\n", 2),
]


@pytest.mark.parametrize(("text", "line"), MALFORMED)
def test_a_malformed_yaml_mapping_is_refused_in_own_words(
    tmp_path: Path, text: str, line: int
) -> None:
    with pytest.raises(yaml.YAMLError) as parsed:
        yaml.safe_load(text)
    said = str(getattr(parsed.value, "problem", None))
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    message = str(refused.value)
    assert str(path) in message
    assert f"line {line}" in message
    assert said not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("external_id: id\nexternal_id: x\ntext: t\n", "more than once"),
        ("external_id: &a id\ntext: *a\n", "aliases"),
    ],
)
def test_the_mappings_own_refusals_keep_their_words(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words):
        load_mapping(str(path))
