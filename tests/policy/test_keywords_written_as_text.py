"""``keywords: 变质`` (text, not a list) is told the list to write.

Found writing an SOP as a policy: ``when: {keywords: 变质}`` or ``keywords: 变质, 发霉`` (one
text to YAML) was told "expected a list (got '变质')" with the schema's description of
keywords for its hint ("Any of these words …"); the hint now writes the list, the author's
own words in the brackets, as a mapping where a list goes already was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("变质", "write it as a list: [变质]"),
        ("变质, 发霉", "write it as a list: [变质, 发霉]"),
    ],
)
def test_keywords_written_as_text_are_told_the_list(
    tmp_path: Path, written: str, hint: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: bad\n"
        f"      when:\n        keywords: {written}\n      then: {{category: service}}\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.code == "schema.type"]
    assert found.location.path == "classification.rules[1].when.keywords"
    assert found.hint == hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("王芳、张伟", "write it as a list: [王芳, 张伟]"),
        ("王芳\uff0c张伟\uff1b李四", "write it as a list: [王芳, 张伟, 李四]"),
    ],
)
def test_members_listed_with_chinese_separators_are_told_the_list(
    tmp_path: Path, written: str, hint: str
) -> None:
    """``members: 王芳、张伟`` is one text to YAML; the hint wrote it back unchanged,
    ``[王芳、张伟]``, one member named 王芳、张伟. It now writes the list the author meant."""
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nteams:\n"
        f"  vip: {{label: VIP组, default_owner: 王芳, members: {written}}}\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.code == "schema.type"]
    assert found.location.path == "teams.vip.members"
    assert found.hint == hint
