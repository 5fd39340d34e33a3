"""Keywords match in traditional and simplified spellings alike (变质 finds 變質 and 變質
finds 变质), yet two rows whose keywords were one word in the two scripts counted as
different conditions: ``validate`` called a ``unique`` table with rows ``[变质]`` and
``[變質]`` valid, and every complaint saying either word then failed at intake, dead-lettered
(a ``first`` table's second row could never match, unreported). They are now the identical
condition; keywords whose spellings differ are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy

TEXT = """complaintkit: 1
name: bm
version: "1"
categories: {a: {}, b: {}, other: {}}
severities: {minor: {}}
priorities: {low: {}}
teams: {desk: {default_owner: zhang.wei}}
routing: {rules: [], default: {team: desk}}
classification:
  hit_policy: %s
  rules:
    - {id: r1, when: {keywords: [%s]}, then: {category: a}}
    - {id: r2, when: {keywords: [%s]}, then: {category: b}}
  default: {category: other, severity: minor, priority: low}
"""


@pytest.mark.parametrize("hit_policy", ["first", "unique"])
@pytest.mark.parametrize(
    ("one", "other"), [("变质", "變質"), ("異物", "异物"), ("头发, 变质", "變質, 頭髮")]
)
def test_one_word_in_two_scripts_is_one_condition(
    tmp_path: Path, hit_policy: str, one: str, other: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT % (hit_policy, one, other), "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert [p.location.path for p in caught.value.problems] == ["classification.rules[1]"]


@pytest.mark.parametrize(("one", "other"), [("变质", "变"), ("发霉", "發"), ("变质", "spoiled")])
def test_different_words_stay_different(tmp_path: Path, one: str, other: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT % ("first", one, other), "utf-8")
    load_policy(path)
