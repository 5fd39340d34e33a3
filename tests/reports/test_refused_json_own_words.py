"""A line that is no JSON is refused in complaintkit's words, naming its line and column.

A JSON-lines row that did not parse was dead-lettered as ``line: is not JSON: Expecting
value: line 1 column 1 (char 0)``: the json module's own message, which the report's
refused-input table then quoted. Its wording changes between Python versions, counts
characters from 0 where an editor counts columns from 1, and says what the parser wanted
rather than what is wrong. The reason now says it in complaintkit's words, with the line
and column where the reading stopped; the parser's text is in no report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import parse_json

#: (a document that is no JSON, the line and column where reading it stops)
BROKEN = [
    ("x", 1, 1),
    ('{"text": "a"', 1, 13),
    ('{"text": "a",}', 1, 14),
    ('{"text" "a"}', 1, 9),
    ('{"text": "a\\q"}', 1, 12),
    ('{"text": "a"} {}', 1, 15),
    ('{\n  "text": "a",\n  "channel": web\n}', 3, 14),
    ('{"text": "open', 1, 10),
]


def _parser_says(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.msg
    raise AssertionError(f"{text!r} parsed")


@pytest.mark.parametrize(("text", "line", "column"), BROKEN)
def test_a_document_that_is_no_json_is_named_by_line_and_column(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(text, "line")
    message = refused.value.message
    assert message.startswith("is not JSON: ")
    assert f"line {line}, column {column}" in message
    assert _parser_says(text) not in message
    assert "char " not in message


def _parser_message(text: str) -> str | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.msg
    except (ValueError, RecursionError):  # a key twice, a number too long: refused elsewhere
        return None
    return None


@given(st.text(max_size=40))
def test_no_refusal_quotes_the_parsers_message(text: str) -> None:
    said = _parser_message(text)
    if said is not None:
        with pytest.raises(InvalidInput) as refused:
            parse_json(text, "line")
        assert said not in refused.value.message


def test_the_reports_refused_input_names_the_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"external_id": "j-1", \n', encoding="utf-8")
    runner, cli = CliRunner(), build_cli()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}"]
    runner.invoke(cli, [*base, "intake", str(tmp_path / "in.jsonl"), "--channel", "jsonl"])
    report = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)
    (reason,) = report["dead_letters"]["by_reason"]
    assert "line 1, column 24" in reason
    assert _parser_says('{"external_id": "j-1", ') not in reason
    text = runner.invoke(cli, [*base, "report"]).output
    assert "Expecting" not in text
