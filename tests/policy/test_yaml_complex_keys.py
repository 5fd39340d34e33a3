"""A list or mapping written as a YAML key is named once, in the author's words.

Found probing hostile authoring: ``? [a, b]`` as a key under ``categories`` was reported
twice, the second time as ``YAML reads the key [ScalarNode(tag='tag:yaml.org,2002:str',
…)] as nothing (null)``: the parser's own objects, and a claim that was not true.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.source import read_source

KEYS = ["? [a, b]\n  : 1\n", "? {a: 1}\n  : 1\n", "[a, b]: 1\n", "{a: 1}: 1\n"]


@pytest.mark.parametrize("key", KEYS)
def test_a_collection_key_is_one_problem_at_its_line_and_section(tmp_path: Path, key: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("complaintkit: 1\ncategories:\n  " + key, "utf-8")
    [problem] = read_source(path).problems
    assert (problem.location.line, problem.location.path) == (3, "categories")
    assert problem.code == "key-type"
    assert "Node" not in problem.message + problem.hint


@given(st.lists(st.sampled_from(["a", "b", "产品", "1"]), min_size=1, max_size=3))
def test_no_item_of_the_key_is_shown_as_a_parser_object(items: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(f"complaintkit: 1\n[{', '.join(items)}]: 1\n", "utf-8")
        problems = read_source(path).problems
    assert len(problems) == 1
    assert "Node(" not in problems[0].message + problems[0].hint
