"""YAML that reads as something other than plain data, and files that are not UTF-8:
each refused where it is written, with what it is, never silently taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text, read_source


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object:os.system {desk: {label: Desk}}",
        "!!python/object/apply:os.system [ls]",
        "!!python/tuple [a, b]",
        "!!omap [{desk: x}]",
        "!!set {a, b}",
        "!!str {desk: x}",
        "!!binary aGVsbG8=",
        "!custom {desk: x}",
        "!!bool maybe",
        "!!timestamp foo",
        "!!null text",
    ],
)
def test_a_tagged_value_is_refused_at_its_tag(tagged: str) -> None:
    source = parse_text(f"complaintkit: 1\nteams: {tagged}\n", "p.yaml")
    (problem,) = source.problems
    assert problem.code == "yaml-tag"
    assert (problem.location.line, problem.location.column, problem.location.path) == (
        2,
        8,
        "teams",
    )
    assert source.data["teams"] is None


@pytest.mark.parametrize("tagged", ["!!str 0700", "!!int '5'", "!!map {a: 1}", "!!seq [1]"])
def test_a_plain_core_tag_is_plain_data(tagged: str) -> None:
    assert parse_text(f"a: {tagged}\n", "p.yaml").problems == ()


def test_a_bare_equals_sign_is_text() -> None:
    source = parse_text("a: =\nb: [=]\n", "p.yaml")
    assert (source.data, source.problems) == ({"a": "=", "b": ["="]}, ())


def test_a_merge_key_is_one_problem_that_names_it() -> None:
    text = "teams:\n  desk:\n    <<: {label: Desk}\n    default_owner: amy\n"
    source = parse_text(text, "p.yaml")
    (problem,) = source.problems
    assert problem.code == "alias"
    assert "<<" in problem.message
    assert (problem.location.line, problem.location.column) == (3, 5)
    assert problem.location.path == "teams.desk.<<"  # the key: the rest of desk is read
    assert source.data == {"teams": {"desk": {"default_owner": "amy"}}}


def test_a_file_in_another_encoding_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("complaintkit: 1\nteams:\n  desk: {label: 客服}\n".encode("gbk"))
    with pytest.raises(PolicyError) as info:
        read_source(path)
    (problem,) = info.value.problems
    assert problem.code == "encoding"
    assert (problem.location.line, problem.location.column) == (3, 17)


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_utf16_or_utf32_file_is_named_as_such(tmp_path: Path, codec: str, name: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("complaintkit: 1\n".encode(codec))
    with pytest.raises(PolicyError) as info:
        read_source(path)
    (problem,) = info.value.problems
    assert problem.code == "encoding"
    assert name in problem.message


def test_a_tag_on_a_key_that_is_a_list_is_named_at_the_mapping_s_path() -> None:
    """``? !!python/object/apply:os.system [ls]`` was refused at a path spelling the
    parser's nodes ([ScalarNode(tag=…, value='ls')]); it is the mapping's, as any key that
    is no plain value is, and nothing is constructed."""
    source = parse_text("teams:\n  ? !!python/object/apply:os.system [ls]\n  : x\n", "p.yaml")
    (problem,) = source.problems
    assert (problem.code, problem.location.path) == ("yaml-tag", "teams")
    assert (problem.location.line, problem.location.column) == (2, 5)
    assert source.data == {"teams": {}}


@pytest.mark.parametrize(
    ("codec", "named", "labels"),
    [
        ("big5", "Big5", ["產品品質問題", "服務態度不佳", "配送延誤", "其他"]),
        ("cp932", "Shift-JIS", ["製品についての苦情", "サービスの問題", "配送の遅れ", "その他"]),
        ("gbk", "GBK", ["产品质量问题", "服务态度差", "配送延误", "其他"]),
    ],
)
def test_a_file_in_a_chinese_or_japanese_encoding_is_named_as_it_is(
    tmp_path: Path, codec: str, named: str, labels: list[str]
) -> None:
    """A Big5 file (Traditional Chinese, Taiwan and Hong Kong) or a Shift-JIS one was named
    GBK, quoting what its bytes read as in GBK: characters no one writes (玻珇 for 產品)."""
    path = tmp_path / "p.yaml"
    entries = "".join(f"  c{i}: {{label: {label}}}\n" for i, label in enumerate(labels))
    path.write_bytes(f"complaintkit: 1\ncategories:\n{entries}".encode(codec))
    with pytest.raises(PolicyError) as info:
        read_source(path)
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (3, 15)
    assert f"the file is {named}" in problem.message
    assert f"reads {labels[0]} in" in problem.message
