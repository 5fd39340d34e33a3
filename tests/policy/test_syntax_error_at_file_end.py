"""A syntax error the parser meets at the end of the file points at the last line written.

Found checking policy authoring: ``b: [1, 2`` on the last of two lines was reported at
3:1, a line the editor does not show. The error is placed just past the last character
written, and the message says the file ends there.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.source import read_source

CUT_SHORT = [
    ("cut.yaml", "a: 1\nb: [1, 2\n"),
    ("cut.yaml", "a: 1\nb: [1, 2"),
    ("cut.yaml", 'a: 1\nb: "unclosed\n\n\n'),
    ("cut.yaml", "a: 1\nb: {c: 1\n"),
    ("cut.json", '{"a": 1,\n "b": 2\n'),
    ("cut.json", '{"a": [1,\n'),
]


def _error(tmp_path: Path, name: str, text: str) -> tuple[int, int, str]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as caught:
        read_source(path)
    [problem] = caught.value.problems
    assert problem.location.line is not None
    assert problem.location.column is not None
    return problem.location.line, problem.location.column, problem.message


@pytest.mark.parametrize(("name", "text"), CUT_SHORT)
def test_the_error_is_on_the_last_line_written(tmp_path: Path, name: str, text: str) -> None:
    line, column, message = _error(tmp_path, name, text)
    written = text.rstrip().split("\n")
    assert (line, column) == (len(written), len(written[-1]) + 1)
    assert "where the file ends" in message


@given(st.integers(0, 5), st.integers(0, 3))
def test_blank_lines_after_the_text_move_nothing(blank: int, indent: int) -> None:
    """However many blank lines follow, the error stays after the last character."""
    with tempfile.TemporaryDirectory() as folder:
        text = "a: 1\nb: [1, 2" + "\n" * blank + " " * indent
        line, column, message = _error(Path(folder), "cut.yaml", text)
    assert (line, column) == (2, len("b: [1, 2") + 1)
    assert "where the file ends" in message


def test_an_error_inside_the_text_is_not_said_to_be_at_the_end(tmp_path: Path) -> None:
    line, _, message = _error(tmp_path, "mid.yaml", "a: [1\nb: 2\nc: 3\n")
    assert line < 3
    assert "where the file ends" not in message
