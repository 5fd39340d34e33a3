"""Slips a Chinese author makes that an independent check of policy authoring found: each
is named where it is written, in words, with what to write instead."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.document import load_document
from complaintkit.policy.source import parse_text, read_source

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("“变质”", "变质"),
        ("\u2018变质\u2019", "变质"),
        ("「变质」", "变质"),
        ("『变质』", "变质"),
        # the full-width forms of " and ' (U+FF02, U+FF07), typed in full-width mode
        ("\uff02变质\uff02", "变质"),
        ("\uff07变质\uff07", "变质"),
    ],
)
def test_a_value_in_chinese_quotation_marks_is_an_error_at_it(written: str, meant: str) -> None:
    """The input method types “” for ", and YAML keeps them as text: a keyword “变质”
    would never match a complaint saying 变质."""
    source = parse_text(f"when: {{keywords: [异物, {written}]}}\n", "p.yaml")
    (problem,) = source.problems
    assert (problem.location.line, problem.location.column) == (1, 23)
    assert problem.location.path == "when.keywords[1]"
    assert written in problem.message
    assert f'"{meant}"' in problem.hint


def test_chinese_quotation_marks_inside_text_are_text() -> None:
    text = 'a: 顾客说“变质”了\nb: "“变质”"\nc: “双11”活动\nd: 「a」和「b」x\n'
    source = parse_text(text, "p.yaml")
    assert source.problems == ()
    assert source.data["b"] == "“变质”"


def test_a_key_in_chinese_quotation_marks_is_an_error_at_it() -> None:
    source = parse_text("“version”: x\n", "p.yaml")
    assert [(p.location.line, p.location.column) for p in source.problems] == [(1, 1)]


@pytest.mark.parametrize("typed", ["thne", "结果"])
def test_a_misspelt_required_key_is_named_where_it_is_written(tmp_path: Path, typed: str) -> None:
    """``thne:`` for ``then:`` (or 结果:) must not be reported only as 'missing then', at
    the row: the key written is what the author looks for."""
    path = tmp_path / "p.yaml"
    text = BASE.read_text("utf-8")
    text = text.replace("      then: {category: product", f"      {typed}: {{category: product")
    path.write_text(text, "utf-8")
    found = [(p.location.line, p.message, p.hint) for p in check_policy(path)]
    line = (
        text.splitlines().index(
            f"      {typed}: {{category: product, severity: critical, priority: urgent}}"
        )
        + 1
    )
    assert (line, f"unknown key {typed!r} in classification.rules[0]") in {
        (line, message) for line, message, _ in found
    }, found
    if typed == "thne":
        assert any("did you mean 'then'?" in hint for _, _, hint in found)


def test_a_misspelt_key_of_an_extending_row_is_offered_the_key_meant(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        "    - id: spoiled\n      thne: {severity: major}\n"
        "  default: {category: product, severity: minor, priority: normal}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.location.line == 6]
    assert problem.location.column == 7
    assert "'thne'" in problem.message
    assert problem.hint.startswith("did you mean 'then'?")


@pytest.mark.parametrize(
    ("key", "kind"), [("2026-01-01", "a date"), ("1", "a number"), ("0.5", "a number")]
)
def test_a_key_yaml_reads_as_no_text_is_worded_as_written(key: str, kind: str) -> None:
    source = parse_text(f"severities:\n  {key}: {{label: 一般}}\n", "p.yaml")
    (problem,) = source.problems
    assert problem.message == f"YAML reads the key {key} as {kind}, not as text"
    assert problem.hint == f'write it in quotes: "{key}"'
    assert "datetime" not in problem.message
    assert (problem.location.line, problem.location.column) == (2, 3)


def test_every_unreadable_file_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "10-vocabulary.yaml").write_bytes("name: 华润超市\n".encode("gb18030"))
    (tmp_path / "20-rules.yaml").write_bytes("name: x\n".encode("utf-16"))
    (tmp_path / "30-sla.yaml").write_bytes(codecs.BOM_UTF8 + b"version: '1'\r\n")
    (tmp_path / "40-teams.yaml").write_text("teams:\n\tdesk: {}\n", "utf-8")
    with pytest.raises(PolicyError) as raised:
        load_document(tmp_path)
    named = [Path(p.location.file).name for p in raised.value.problems]
    assert named == ["10-vocabulary.yaml", "20-rules.yaml", "40-teams.yaml"]


def test_a_gbk_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("complaintkit: 1\nname: 华润超市\n".encode("gb18030"))
    with pytest.raises(PolicyError) as raised:
        read_source(path)
    (problem,) = raised.value.problems
    assert (problem.location.line, problem.location.column) == (2, 7)
    assert "GBK" in problem.message
    assert "UTF-8" in problem.hint


def test_bytes_that_are_no_chinese_encoding_either_are_not_called_gbk(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"name: \xff\xff\n")
    with pytest.raises(PolicyError) as raised:
        read_source(path)
    (problem,) = raised.value.problems
    assert "GBK" not in problem.message
    assert "0xFF" in problem.message
