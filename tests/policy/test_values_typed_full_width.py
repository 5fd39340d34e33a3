"""A value typed with the input method in full-width mode — an id (category: product) or
a choice (hit_policy: first), in full-width letters — was refused listing what may be written, without
the one it spells, as a misspelt one gets; each now leads with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
PRODUCT = "\uff50\uff52\uff4f\uff44\uff55\uff43\uff54"
FIRST = "\uff46\uff49\uff52\uff53\uff54"


@pytest.mark.parametrize(
    ("text", "path", "meant"),
    [
        (
            f"classification:\n  rules:\n    - id: spoiled\n      then: {{category: {PRODUCT}}}\n",
            "classification.rules[0].then.category",
            "did you mean 'product'?",
        ),
        (f"classification:\n  hit_policy: {FIRST}\n", "classification.hit_policy", "did you mean 'first'?"),
    ],
)  # fmt: skip
def test_a_value_typed_full_width_names_the_one_it_spells(
    tmp_path: Path, text: str, path: str, meant: str
) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(f"complaintkit: 1\nextends: {BASE}\n{text}", "utf-8")
    hints = {p.location.path: p.hint for p in check_policy(policy)}
    assert hints[path].startswith(meant), hints[path]
