"""A field's translation in a column mapping is checked, not read loosely.

Found in review: ``status: {column: state, otherwize: closed}`` (a typo) was taken as a
mapping without ``otherwise``, and every row was then dead-lettered as "'Closed' is not a
case status", blaming good data for the mapping's mistake; ``values: {In progress: }``
translated the word to the text "None"; and YAML reads ``Yes``/``No`` as true/false, so
``values: {Yes: met}`` waited for the word "True", which no export writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.channels.mapping import load_mapping
from complaintkit.errors import ConfigError

BASE = {"external_id": "id", "received_at": "when", "text": "what"}


def _status(spec: Any) -> dict[str, Any]:
    return {**BASE, "history": {"status": spec}}


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ({"column": "state", "otherwize": "closed"}, ["history.status", "'otherwize'"]),
        ({"column": "state", "value": {"a": "closed"}}, ["history.status", "'value'"]),
        ({"column": "state", "values": {"In progress": None}}, ["history.status", "In progress"]),
        ({"column": "state", "values": {"a": ["closed"]}}, ["history.status", "'a'"]),
        ({"column": "state", "values": {None: "closed"}}, ["history.status", "values"]),
        ({"column": "state", "otherwise": {"x": 1}}, ["history.status", "otherwise"]),
        ({"column": "state", "otherwise": True}, ["history.status", "otherwise", "quote"]),
        ({"column": "state", "values": {True: "closed"}}, ["history.status", "true", "quote"]),
        ({"column": True}, ["history.status", "quote"]),
    ],
)
def test_a_loose_translation_is_refused_by_name(spec: Any, words: list[str]) -> None:
    with pytest.raises(ConfigError) as refused:
        load_mapping(_status(spec))
    for word in words:
        assert word in str(refused.value)


def test_yes_and_no_unquoted_in_a_yaml_mapping_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "external_id: id\nreceived_at: when\ntext: what\n"
        "history:\n  sla:\n    response:\n      column: timely\n"
        "      values: {Yes: met, No: breached}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="quote"):
        load_mapping(str(path))


def test_numbers_and_quoted_words_still_translate(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "external_id: id\nreceived_at: when\ntext: what\n"
        "history:\n  status:\n    column: state\n"
        "    values: {0: closed, 'Yes': investigating, 1.5: resolved}\n"
        "    otherwise: received\n",
        encoding="utf-8",
    )
    translation = load_mapping(str(path)).translations["history.status"]
    assert [translation(w) for w in ("0", "Yes", "1.5", "other")] == [
        "closed",
        "investigating",
        "resolved",
        "received",
    ]


def test_a_word_yaml_reads_as_a_date_is_refused_with_quoting_advice(tmp_path: Path) -> None:
    """An unquoted 2019-03-01 is a date to YAML: the error said 'not a map'."""
    path = tmp_path / "map.yaml"
    path.write_text(
        "external_id: id\nreceived_at: when\ntext: what\n"
        "history:\n  status:\n    column: state\n    values: {2019-03-01: closed}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(path))
    assert "a map" not in str(refused.value)
    assert "2019-03-01" in str(refused.value)
    assert "quote" in str(refused.value)
