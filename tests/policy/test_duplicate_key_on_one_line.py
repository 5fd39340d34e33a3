"""A key written twice on one line (``{product: …, product: …}``, a flow mapping copied and
extended) names where the first is by its column too: "first at line 4" on line 4 pointed
at nothing the author could tell from the duplicate."""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import PolicyError
from complaintkit.policy.source import read_source

POLICY = """complaintkit: 1
name: shop
categories: {product: {label: 产品}, other: {label: 其他}, product: {label: 货品}}
severities:
  minor: {label: 一般}
  minor: {label: 轻微}
"""


def test_a_duplicate_on_the_first_ones_line_names_its_column(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, "utf-8")
    try:
        problems = read_source(path).problems
    except PolicyError as refused:
        problems = refused.problems
    messages = {p.location.line: p.message for p in problems}
    assert "first at line 3, column 14" in messages[3]
    assert messages[6].endswith("(first at line 5)")  # another line: its number is enough
