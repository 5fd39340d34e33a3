"""A list typed in full-width brackets: ``keywords: 【变质, 发霉】`` (or U+FF3B/U+FF3D).

YAML reads them as text, and the hint wrote the brackets back inside ASCII ones,
``[【变质, 发霉】]``: a list whose first keyword is 【变质. It now writes the items alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    "when",
    [
        "{keywords: 【变质, 发霉】}",
        "\n        keywords: 【变质, 发霉】",
        "\n        keywords: \uff3b变质, 发霉\uff3d",
        "\n        keywords: \u3014变质、发霉\u3015",
    ],
)
def test_a_list_in_full_width_brackets_is_told_the_items(tmp_path: Path, when: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: bad\n"
        f"      when: {when}\n      then: {{category: product}}\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.code == "schema.type"]
    assert found.location.path == "classification.rules[1].when.keywords"
    assert found.hint.startswith("write it as a list: [变质, 发霉]")
