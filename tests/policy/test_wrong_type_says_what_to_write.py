"""A value of the wrong type anywhere in a policy says what to write there.

``spikes: 5``, ``categories: {product: x}`` or ``classification: 5`` were refused at their
lines with the hint "see docs/policies.md or the schema", or with the schema's description
of the key ("A DMN-style rule table."): what is wrong, not what to write. The hint now
names the key and the shape it takes (``write spikes: [...]``), with the description.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "line", "hint"),
    [
        ("incidents:\n  spikes: 5\n", 4, "write spikes: [...]"),
        ("categories:\n  product: x\n", 4, "write product: {...}"),
        ("classification: 5\n", 3, "write classification: "),
        ("teams:\n  desk: {label: Desk, default_owner: }\n", 4, "write default_owner: text"),
        ("incidents:\n  batches: [7]\n", 4, "{...}"),
    ],
)
def test_a_wrong_type_names_the_shape_to_write(
    tmp_path: Path, written: str, line: int, hint: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{written}", "utf-8")
    errors = [p for p in check_policy(path) if p.severity == "error"]
    assert errors
    first = errors[0]
    assert (first.location.file, first.location.line) == (str(path), line)
    assert hint in first.hint
