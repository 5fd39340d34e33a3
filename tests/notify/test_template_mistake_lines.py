"""A template mistake is reported where the placeholder is written: the line (and column)
inside a long multi-line body, not the ``body:`` key above it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import Location
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.written_at import written_at

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
extends: ./base.yaml
templates:
  ack:
    en:
      subject: "Your complaint {case.id}"
      body: |
        Hello {customer.name},

        thank you for writing to us.
        We will answer by {case.first_response_due}.
        Your reference is {case.idd}; keep it.
        {{not a field}} and {case.id} again.
        Track it at {case.status_url}, or write {case.nmae}.
notifications:
  notifiers:
    log: {type: log}
  rules:
    - {"on": opened, notify: [customer], via: log, template: ack}
"""


def _errors(tmp_path: Path, text: str) -> dict[str, tuple[int | None, int | None]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    return {
        p.message: (p.location.line, p.location.column)
        for p in check_policy(path)
        if p.location.path == "templates.ack.en.body"
    }


def test_each_placeholder_mistake_is_at_its_own_line_and_column(tmp_path: Path) -> None:
    found = _errors(tmp_path, POLICY)
    assert found["unknown field {case.idd}"] == (12, 27)
    assert found["unknown field {case.nmae}"] == (14, 49)


def test_a_field_no_case_fills_is_at_its_line(tmp_path: Path) -> None:
    text = POLICY.replace("{case.idd}", "{case.id}").replace("{case.nmae}", "{customer.name}")
    found = _errors(tmp_path, text)
    (message,) = [m for m in found if "status_url" in m]
    assert found[message] == (14, 21)


@pytest.mark.parametrize(
    ("body", "column"),
    [
        ('"Dear {customer.name}, ref {case.idd}."', 40),
        ("'Dear {customer.name}, ref {case.idd}.'", 40),
        ("Dear {customer.name}, ref {case.idd}.", 39),
    ],
)
def test_a_one_line_body_points_at_the_column(tmp_path: Path, body: str, column: int) -> None:
    head, _ = POLICY.split("      body: |", maxsplit=1)
    _, tail = POLICY.split("keep it.\n", maxsplit=1)
    text = head + f"      body: {body}\n" + tail.split("\n", 2)[2]
    found = _errors(tmp_path, text)
    assert found["unknown field {case.idd}"] == (7, column)


@settings(max_examples=50, deadline=None)
@given(
    before=st.lists(st.text("ab {x}.\u4e2d", max_size=12), max_size=4),
    after=st.lists(st.text("ab.\u4e2d", max_size=12), max_size=3),
    repeats=st.integers(0, 2),
)
def test_the_nth_fragment_of_a_block_body_is_found_on_its_line(
    tmp_path_factory: pytest.TempPathFactory, before: list[str], after: list[str], repeats: int
) -> None:
    """Invariant: for a literal block body, the fragment's location is the line and
    column where that occurrence is written."""
    lines = [*before, *(["{x}"] * repeats), "see {x} here", *after]
    value = "".join(f"{line}\n" for line in lines)
    path = tmp_path_factory.mktemp("w") / "t.yaml"
    path.write_text("a:\n  body: |\n" + "".join(f"    {line}\n" for line in lines), "utf-8")
    start = value.index("see {x}") + 4
    where = written_at(Location(str(path), 2, 3, "a.body"), value, start, start + 3)
    # the same fragment written before it (in ``before``, ``repeats``) is counted, not
    # mistaken for it
    assert (where.line, where.column) == (3 + len(before) + repeats, 9)


def test_a_fragment_not_written_as_is_keeps_the_key(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text('a:\n  body: "\\u007bcase.idd}"\n', "utf-8")
    where = Location(str(path), 2, 3, "a.body")
    assert written_at(where, "{case.idd}", 0, 10) == where
    assert written_at(Location(str(tmp_path / "gone.yaml"), 2, 3), "{x}", 0, 3).line == 2
